// PngWriter: grey and RGB 8-bit images written as PNG and read back through ImageFileReader (ITK's PNG
// reader, libpng, which checks every chunk's CRC): identical grey values at every compression level, RGB
// channels in order (the reader turns colour into 0.299 R + 0.587 G + 0.114 B); the pixel spacing in the
// pHYs chunk; and clear errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "io/ImageFileReader.h"
#include "io/PngWriter.h"

namespace cadview {
namespace {

namespace fs = std::filesystem;

std::string tempFile(const std::string& name) {
    return (fs::temp_directory_path() / ("cadview_png_" + std::to_string(::getpid()) + "_" + name)).string();
}

Volume grey(std::size_t w, std::size_t h) {
    ImageGeometry g;
    g.size = {w, h, 1};
    g.spacing = {0.5, 0.25, 1};
    Volume v(g, PixelType::UInt8);
    for (std::size_t i = 0; i < v.voxelCount(); ++i)
        v.as<std::uint8_t>()[i] = std::uint8_t((i * 37 + i / w) % 256);
    return v;
}

Volume readBack(const std::string& path) {
    JobContext job;
    Volume v = ImageFileReader::read(path, job);
    fs::remove(path);
    return v;
}

std::string errorOf(const Volume& v, const std::string& path) {
    try {
        PngWriter::write(v, path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(PngWriter, GreyRoundTripAtEveryLevel) {
    const Volume v = grey(37, 23);
    for (int level : {1, 6, 9}) {
        const std::string path = tempFile("grey.png");
        PngWriter::write(v, path, level);
        const Volume back = readBack(path);
        ASSERT_EQ(back.geometry().size, v.geometry().size);
        ASSERT_EQ(back.pixelType(), PixelType::UInt8);
        ASSERT_EQ(back.components(), 1);
        EXPECT_EQ(0, std::memcmp(back.data(), v.data(), v.bytes())) << "level " << level;
    }
}

TEST(PngWriter, SpacingGoesIntoPhys) {
    // ITK's PNG reader does not read pHYs back, so the chunk is checked in the file: pixels per metre.
    const std::string path = tempFile("phys.png");
    PngWriter::write(grey(8, 8), path);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::remove(path);
    const std::size_t at = bytes.find("pHYs");
    ASSERT_NE(at, std::string::npos);
    const auto u32 = [&](std::size_t i) {
        return std::uint32_t(std::uint8_t(bytes[i])) << 24 | std::uint32_t(std::uint8_t(bytes[i + 1])) << 16 |
               std::uint32_t(std::uint8_t(bytes[i + 2])) << 8 | std::uint32_t(std::uint8_t(bytes[i + 3]));
    };
    EXPECT_EQ(u32(at - 4), 9u);         // chunk length
    EXPECT_EQ(u32(at + 4), 2000u);      // 0.5 mm
    EXPECT_EQ(u32(at + 8), 4000u);      // 0.25 mm
    EXPECT_EQ(bytes[at + 12], '\x01');  // metres
}

TEST(PngWriter, RgbChannelsInOrder) {
    ImageGeometry g;
    g.size = {3, 2, 1};
    Volume v(g, PixelType::UInt8, 3);
    const std::uint8_t pixels[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 200, 200, 0, 0, 0};
    std::copy(std::begin(pixels), std::end(pixels), v.as<std::uint8_t>());
    const std::string path = tempFile("rgb.png");
    PngWriter::write(v, path);
    const Volume back = readBack(path);
    ASSERT_EQ(back.components(), 1);
    const std::uint8_t* p = back.as<std::uint8_t>();
    EXPECT_EQ(p[0], 76);   // 0.299 * 255
    EXPECT_EQ(p[1], 150);  // 0.587 * 255
    EXPECT_EQ(p[2], 29);   // 0.114 * 255
    EXPECT_EQ(p[3], 18);   // 2.99 + 11.74 + 3.42
    EXPECT_EQ(p[4], 200);
    EXPECT_EQ(p[5], 0);
}

TEST(PngWriter, RefusesWhatPngCannotHold) {
    ImageGeometry g;
    g.size = {4, 4, 2};
    EXPECT_NE(errorOf(Volume(g, PixelType::UInt8), "/tmp/x.png")
                  .find("/tmp/x.png: PNG holds 2D images; this one has 2"),
              std::string::npos);
    g.size[2] = 1;
    EXPECT_NE(errorOf(Volume(g, PixelType::Int16), "/tmp/x.png").find("PNG is written from 8-bit pixels"),
              std::string::npos);
    EXPECT_EQ(errorOf(grey(4, 4), "/nonexistent/dir/x.png"),
              "/nonexistent/dir/x.png: refused: the folder /nonexistent/dir does not exist");
}

TEST(PngWriter, FileNames) {
    EXPECT_TRUE(PngWriter::supportsFileName("a/b.png"));
    EXPECT_TRUE(PngWriter::supportsFileName("B.PNG"));
    EXPECT_FALSE(PngWriter::supportsFileName("b.nii.gz"));
    EXPECT_FALSE(PngWriter::supportsFileName("png"));
}

}  // namespace
}  // namespace cadview
