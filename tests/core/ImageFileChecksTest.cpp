// The checks ImageFileReader runs before ITK's readers (PngCheck, JpegCheck, MetaImageHeaderCheck) and
// how it picks the reader: damaged PNG, JPEG and MetaImage files (hand-built, real files cut short, the
// shapes the fuzzer found) are refused with LoadError UnreadableFile and a specific message, through both
// describe and read, instead of crashing or aborting the process; real files still load with the sizes
// the other tests expect; a file whose bytes and name disagree is read by its bytes.

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "TempDir.h"
#include "TestData.h"
#include "io/ImageFileReader.h"
#include "io/JpegCheck.h"
#include "io/LoadError.h"
#include "io/MetaImageHeaderCheck.h"
#include "io/PngCheck.h"
#include "io/VolumeWriter.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

const char* const kPng = "cxr_pneumoniamnist/val/normal/val_00003.png";           // 28 x 28 grey
const char* const kRgbPng = "cxr_lung_seg/images/ARDSSevere.png";                 // 790 x 631 RGB
const char* const kJpeg = "cxr_lung_seg/images/00870a9c.jpg";                     // 1024 x 1024 grey
const char* const kRgbJpeg = "cxr_lung_seg/images/12941_2020_358_Fig1_HTML.jpg";  // 898 x 898 YCbCr

Bytes readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string writeBytes(const std::string& path, const Bytes& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return path;
}

std::string writeText(const std::string& path, const std::string& text) {
    return writeBytes(path, Bytes(text.begin(), text.end()));
}

Bytes firstBytes(const Bytes& b, std::size_t n) {
    return Bytes(b.begin(), b.begin() + std::ptrdiff_t(n));
}

// CRC-32 as PNG chunks carry it (ISO 3309), over the chunk type and data.
std::uint32_t crc32(const Bytes& bytes, std::size_t from) {
    std::uint32_t c = 0xffffffffu;
    for (std::size_t i = from; i < bytes.size(); ++i) {
        c ^= bytes[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

void putBigEndian(Bytes& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        b.push_back(std::uint8_t(v >> shift));
}

// The PNG signature, an IHDR chunk with the given fields (`goodCrc` false stores a wrong CRC) and an
// empty IDAT chunk.
Bytes pngWithHeader(std::uint32_t width, std::uint32_t height, std::uint8_t depth, std::uint8_t colour,
                    bool goodCrc) {
    Bytes b{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    putBigEndian(b, 13);
    const std::size_t typeAt = b.size();
    for (const char c : {'I', 'H', 'D', 'R'})
        b.push_back(std::uint8_t(c));
    putBigEndian(b, width);
    putBigEndian(b, height);
    for (const std::uint8_t v : {depth, colour, std::uint8_t(0), std::uint8_t(0), std::uint8_t(0)})
        b.push_back(v);
    putBigEndian(b, goodCrc ? crc32(b, typeAt) : 0x12345678u);
    // An empty IDAT chunk: png_read_info stops at the first one.
    putBigEndian(b, 0);
    const std::size_t idatAt = b.size();
    for (const char c : {'I', 'D', 'A', 'T'})
        b.push_back(std::uint8_t(c));
    putBigEndian(b, crc32(b, idatAt));
    return b;
}

// describe and read both refuse `path` with UnreadableFile and exactly `detail`.
void expectRefused(const std::string& path, const std::string& detail) {
    SCOPED_TRACE(path);
    try {
        ImageFileReader::describe(path);
        ADD_FAILURE() << "describe: expected LoadError";
    } catch (const LoadError& e) {
        EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::UnreadableFile);
        EXPECT_EQ(e.diagnostic().subject, path);
        EXPECT_EQ(e.diagnostic().detail, detail);
    }
    try {
        JobContext job;
        ImageFileReader::read(path, job);
        ADD_FAILURE() << "read: expected LoadError";
    } catch (const LoadError& e) {
        EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::UnreadableFile);
        EXPECT_EQ(e.diagnostic().detail, detail);
    }
}

Volume readFile(const std::string& path) {
    JobContext job;
    return ImageFileReader::read(path, job);
}

void expectSize(const Volume& v, std::size_t x, std::size_t y, std::size_t z) {
    EXPECT_EQ(v.geometry().size[0], x);
    EXPECT_EQ(v.geometry().size[1], y);
    EXPECT_EQ(v.geometry().size[2], z);
}

// A small valid MetaImage header (2 x 2 x 1 bytes follow it in a .mha) with `extra` lines before
// ElementDataFile.
std::string metaHeader(const std::string& extra, const std::string& lineBreak = "\n") {
    std::string h;
    for (const char* line : {"ObjectType = Image", "NDims = 3", "BinaryData = True", "DimSize = 2 2 1",
                             "ElementType = MET_UCHAR"})
        h += line + lineBreak;
    return h + extra + "ElementDataFile = LOCAL" + lineBreak;
}

// --- PNG -----------------------------------------------------------------------------------------------

TEST(ImageFileChecks, PngWithAGarbageHeaderChunkIsRefused) {
    TempDir dir;
    Bytes garbage = pngWithHeader(28, 28, 8, 0, false);
    for (std::size_t i = 16; i < 29; ++i)
        garbage[i] = std::uint8_t(0xa5 + i);
    expectRefused(writeBytes(dir.file("garbage-ihdr.png"), garbage), "damaged PNG file: IHDR: CRC error");
    // Right CRC, impossible fields (width 0, bit depth 3).
    expectRefused(writeBytes(dir.file("bad-ihdr.png"), pngWithHeader(0, 28, 3, 0, true)),
                  "damaged PNG file: Invalid IHDR data");
    // The fuzzer's shape: the signature, then zeros.
    Bytes zeros{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    zeros.resize(64, 0);
    expectRefused(writeBytes(dir.file("zeros.png"), zeros),
                  "damaged PNG file: [00][00][00][00]: invalid chunk type");
}

TEST(ImageFileChecks, TruncatedPngIsRefused) {
    TempDir dir;
    const Bytes png = readBytes(dataPath(kPng));
    ASSERT_GT(png.size(), 100u);
    const std::string ends = "damaged PNG file: the file ends before the image does";
    expectRefused(writeBytes(dir.file("half.png"), firstBytes(png, png.size() / 2)), ends);
    expectRefused(writeBytes(dir.file("signature-only.png"), firstBytes(png, 8)), ends);
    // Without its IEND chunk the pixels are all there, but libpng (and ITK) read to the end.
    expectRefused(writeBytes(dir.file("no-iend.png"), firstBytes(png, png.size() - 12)), ends);
}

TEST(ImageFileChecks, AbsurdPngSizeIsRefusedBeforeDecoding) {
    TempDir dir;
    // 60000 x 60000 RGBA, 16 bits: 28.8 GB of pixels, with nothing after the header.
    expectRefused(
        writeBytes(dir.file("huge.png"), pngWithHeader(60000, 60000, 16, 6, true)),
        "PNG image too large: 60000 x 60000 pixels, 4 channels of 2 bytes (more than 1024 MiB decoded)");
    EXPECT_EQ(PngCheck::problem(dir.file("missing.png")), "cannot open the file");
}

// --- JPEG ----------------------------------------------------------------------------------------------

TEST(ImageFileChecks, SevenByteJpegIsRefusedWithoutTouchingLibjpeg) {
    TempDir dir;
    // The fuzzer's input: ITK's JPEGImageIO::CanReadFile crashed in jpeg_destroy on it.
    expectRefused(writeBytes(dir.file("seven.jpg"), {0xff, 0xd8, 0x34, 0xb3, 0x69, 0x2f, 0x6f}),
                  "damaged JPEG file: no marker after the start-of-image marker");
    expectRefused(writeBytes(dir.file("three.jpg"), {0xff, 0xd8, 0xff}),
                  "damaged JPEG file: 3 bytes, too short for a JPEG image");
    expectRefused(writeBytes(dir.file("empty.jpg"), {}),
                  "damaged JPEG file: 0 bytes, too short for a JPEG image");
    expectRefused(writeBytes(dir.file("text.jpg"), {'h', 'e', 'l', 'l', 'o'}),
                  "damaged JPEG file: no start-of-image marker");
    // Seven bytes that do start like a JPEG reach libjpeg, which finds the file ends inside a segment.
    expectRefused(writeBytes(dir.file("app0.jpg"), {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a}),
                  "damaged JPEG file: Premature end of JPEG file");
}

TEST(ImageFileChecks, TruncatedJpegIsRefused) {
    TempDir dir;
    const std::string ends = "damaged JPEG file: Premature end of JPEG file";
    for (const char* name : {kJpeg, kRgbJpeg}) {
        const Bytes jpeg = readBytes(dataPath(name));
        ASSERT_GT(jpeg.size(), 10000u);
        expectRefused(writeBytes(dir.file("half.jpg"), firstBytes(jpeg, jpeg.size() / 2)), ends);
        expectRefused(writeBytes(dir.file("header-only.jpg"), firstBytes(jpeg, 300)), ends);
        expectRefused(writeBytes(dir.file("last-kb-missing.jpg"), firstBytes(jpeg, jpeg.size() - 1024)),
                      ends);
    }
}

TEST(ImageFileChecks, JpegWithoutItsEndMarkerStillLoads) {
    TempDir dir;
    const Bytes jpeg = readBytes(dataPath(kJpeg));
    ASSERT_EQ(jpeg[jpeg.size() - 2], 0xff);
    ASSERT_EQ(jpeg[jpeg.size() - 1], 0xd9);
    const std::string path = writeBytes(dir.file("no-eoi.jpg"), firstBytes(jpeg, jpeg.size() - 2));
    EXPECT_EQ(JpegCheck::problem(path), std::nullopt);
    expectSize(readFile(path), 1024, 1024, 1);
}

TEST(ImageFileChecks, AbsurdJpegSizeIsRefusedBeforeDecoding) {
    TempDir dir;
    // SOI, a baseline frame header of 60000 x 60000 x 3 and a scan header: enough for jpeg_read_header.
    const Bytes huge{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 0x01, 0x11,
                     0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00,
                     0x02, 0x00, 0x03, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x00, 0xff, 0xd9};
    expectRefused(writeBytes(dir.file("huge.jpg"), huge),
                  "JPEG image too large: 60000 x 60000 pixels, 3 components (more than 1024 MiB decoded)");
}

// --- MetaImage -----------------------------------------------------------------------------------------

TEST(ImageFileChecks, MetaImageWithALongHeaderLineIsRefused) {
    TempDir dir;
    // MetaIO copies such a line, as a key, into a 255-byte buffer: glibc aborts ("buffer overflow detected").
    const std::string longLine(400, 'A');
    expectRefused(writeText(dir.file("long-line.mha"), metaHeader(longLine + "\n") + std::string(4, '\0')),
                  "damaged MetaImage header: no '=' in \"" + std::string(40, 'A') + "...\" on line 6");
    const std::string longKey(300, 'K');
    expectRefused(writeText(dir.file("long-key.mha"), metaHeader(longKey + " = 1\n") + std::string(4, '\0')),
                  "damaged MetaImage header: a key of 300 characters \"" + std::string(40, 'K') +
                      "...\" (at most 64) on line 6");
    expectRefused(
        writeText(dir.file("long-value.mhd"), metaHeader("Comment = " + std::string(251, 'v') + "\n")),
        "damaged MetaImage header: the value of \"Comment\" has 251 characters (at most 250) on line 6");
}

TEST(ImageFileChecks, MetaImageHeaderRules) {
    TempDir dir;
    const auto refused = [&](const std::string& header, const std::string& what) {
        expectRefused(writeText(dir.file("bad.mhd"), header), "damaged MetaImage header: " + what);
    };
    refused(metaHeader("Name = caf\xc3\xa9\n"), "a byte that is not printable ASCII (0xc3) on line 6");
    refused(metaHeader("Modality = MET_MOD_CT\rOffset = 0 0 0\n"),
            "a byte that is not printable ASCII (0x0d) on line 6");
    refused(metaHeader("= 3\n"), "a value without a key on line 6");
    refused(metaHeader("Element Spacing = 1 1 1\n"),
            "the key \"Element Spacing\" holds a blank or ':' on line 6");
    refused(metaHeader("Comment =\n"), "the key \"Comment\" has no value on line 6");
    // MetaIO keeps 10 axes whatever NDims says; 11 with an 11 x 11 TransformMatrix overruns its arrays.
    std::string elevenAxes = metaHeader("");
    elevenAxes.replace(elevenAxes.find("NDims = 3"), 9, "NDims = 11");
    refused(elevenAxes, "NDims = \"11\" is not a whole number from 1 to 10 on line 2");
    // Several slice files: MetaIO trusts a list's lines and a pattern's printf format and numbers.
    for (const char* files : {"LOCAL%s", "slice%03d.raw 1 2 1", "LIST", "LISTING.raw"})
        refused(metaHeader("").replace(metaHeader("").find("LOCAL"), 5, files),
                "ElementDataFile = \"" + std::string(files) +
                    "\" names several slice files, which is not supported on line 6");
    refused("ObjectType = Image\nNDims = 2\nDimSize = 2 2\n", "no ElementDataFile line");
    refused("ObjectType = Image\n" + std::string(70 * 1024, ' '),
            "no ElementDataFile line in the first 64 KiB");
}

TEST(ImageFileChecks, MetaImageHeadersThatLoad) {
    TempDir dir;
    const std::string data(4, '\x07');
    // CR LF, blank lines, tabs, ITK's metadata keys (DICOM tags, NRRD fields) and a 250-character value.
    const std::string extra =
        "\r\n  \t \r\n0008|0060\t=\tCT\r\nNRRD_kinds[0] = domain\r\nComment = " + std::string(250, 'c') +
        "\r\n";
    for (const std::string& header : {metaHeader(""), metaHeader(extra, "\r\n")}) {
        const std::string path = writeText(dir.file("ok.mha"), header + data);
        EXPECT_EQ(MetaImageHeaderCheck::problem(path), std::nullopt);
        const Volume v = readFile(path);
        expectSize(v, 2, 2, 1);
        EXPECT_EQ(v.info().format, "MetaImage");
        EXPECT_EQ(v.valueAt(1, 1, 0), 7.0);
    }
}

// --- Real files and the choice of reader ---------------------------------------------------------------

TEST(ImageFileChecks, RealFilesStillLoadWithTheirSizes) {
    struct Case {
        const char* file;
        std::array<std::size_t, 3> size;
        const char* format;
    };
    for (const Case& c :
         {Case{kPng, {28, 28, 1}, "PNG"}, Case{kRgbPng, {790, 631, 1}, "PNG"},
          Case{kJpeg, {1024, 1024, 1}, "JPEG"}, Case{kRgbJpeg, {898, 898, 1}, "JPEG"},
          Case{"mr_brain_lgg_flair/TCGA_CS_4941_19960909/flair.nii.gz", {256, 256, 23}, "NIfTI"},
          Case{"mr_brain_tumor_nrrd/brain1_image.nrrd", {256, 256, 25}, "NRRD"}}) {
        SCOPED_TRACE(c.file);
        EXPECT_EQ(ImageFileReader::describe(dataPath(c.file)).info.format, c.format);
        const Volume v = readFile(dataPath(c.file));
        expectSize(v, c.size[0], c.size[1], c.size[2]);
        EXPECT_EQ(v.info().format, c.format);
    }
    EXPECT_EQ(PngCheck::problem(dataPath(kRgbPng)), std::nullopt);
    EXPECT_EQ(JpegCheck::problem(dataPath(kRgbJpeg)), std::nullopt);
}

TEST(ImageFileChecks, MetaImageWrittenByItkLoads) {
    TempDir dir;
    const Volume nrrd = readFile(dataPath("mr_brain_tumor_nrrd/brain1_image.nrrd"));
    for (const char* name : {"brain.mha", "brain.mhd"}) {
        const std::string path = dir.file(name);
        VolumeWriter::writeFile(nrrd, path);  // .mhd is two files: not through the atomic write()
        EXPECT_EQ(MetaImageHeaderCheck::problem(path), std::nullopt) << name;
        const Volume v = readFile(path);
        expectSize(v, 256, 256, 25);
        EXPECT_EQ(v.info().format, "MetaImage");
        EXPECT_EQ(v.valueAt(131, 7, 14), 3057.0);
    }
}

TEST(ImageFileChecks, BytesWinOverANameOfAnotherFormat) {
    TempDir dir;
    // JPEG bytes named .png (and PNG bytes named .jpg): the signatures cannot be mistaken, so the file is
    // read as what it holds, as ITK's try-every-reader loop used to.
    const std::string jpegAsPng = dir.file("jpeg.png");
    fs::copy_file(dataPath(kJpeg), jpegAsPng);
    EXPECT_EQ(ImageFileReader::describe(jpegAsPng).info.format, "JPEG");
    const Volume a = readFile(jpegAsPng);
    expectSize(a, 1024, 1024, 1);
    EXPECT_EQ(a.info().format, "JPEG");
    const std::string pngAsJpeg = dir.file("png.JPG");
    fs::copy_file(dataPath(kPng), pngAsJpeg);
    EXPECT_EQ(readFile(pngAsJpeg).info().format, "PNG");
    // A damaged JPEG named .png gets the JPEG check's verdict.
    const Bytes jpeg = readBytes(dataPath(kJpeg));
    expectRefused(writeBytes(dir.file("cut-jpeg.png"), firstBytes(jpeg, jpeg.size() / 2)),
                  "damaged JPEG file: Premature end of JPEG file");
}

TEST(ImageFileChecks, NamesAreCaseInsensitiveAndUnknownNamesAreSniffed) {
    TempDir dir;
    const std::string upper = dir.file("IMAGE.PNG");
    fs::copy_file(dataPath(kPng), upper);
    EXPECT_EQ(readFile(upper).info().format, "PNG");
    const std::string png = dir.file("radiograph.bin");
    fs::copy_file(dataPath(kPng), png);
    EXPECT_EQ(readFile(png).info().format, "PNG");
    const std::string jpeg = dir.file("radiograph");
    fs::copy_file(dataPath(kJpeg), jpeg);
    expectSize(readFile(jpeg), 1024, 1024, 1);
    const std::string nrrd = dir.file("brain.data");
    fs::copy_file(dataPath("mr_brain_tumor_nrrd/brain1_image.nrrd"), nrrd);
    const Volume n = readFile(nrrd);
    expectSize(n, 256, 256, 25);
    EXPECT_EQ(n.info().format, "NRRD");
    const std::string meta = writeText(dir.file("meta.header"), metaHeader("") + std::string(4, '\0'));
    EXPECT_EQ(readFile(meta).info().format, "MetaImage");
    // A damaged PNG without a PNG name is still checked: the signature chose the reader.
    Bytes zeros{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    zeros.resize(64, 0);
    expectRefused(writeBytes(dir.file("zeros.dat"), zeros),
                  "damaged PNG file: [00][00][00][00]: invalid chunk type");
    // Nothing recognisable: the message ImageFileReader always gave.
    expectRefused(writeText(dir.file("notes.dat"), "just some text\n"),
                  "not a NIfTI, NRRD, MetaImage, PNG or JPEG file");
    expectRefused(writeText(dir.file("notes.nii"), "just some text\n"),
                  "not a NIfTI, NRRD, MetaImage, PNG or JPEG file");
}

// Every input in tests/fuzz-regressions/image_file (FuzzRegressionTest replays them through the fuzz
// target) is refused by one of the checks, named as the fuzz target names it, not by luck further on.
TEST(ImageFileChecks, FuzzRegressionInputsAreRefusedByTheChecks) {
    TempDir dir;
    const fs::path folder = fs::path(CADVIEW_FUZZ_REGRESSIONS) / "image_file";
    std::size_t inputs = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const Bytes bytes = readBytes(entry.path().string());
        const std::string path = writeBytes(dir.file(entry.path().filename().string()), bytes);
        SCOPED_TRACE(entry.path().filename().string());
        ++inputs;
        try {
            ImageFileReader::describe(path);
            ADD_FAILURE() << "expected LoadError";
        } catch (const LoadError& e) {
            EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::UnreadableFile);
            const std::string& detail = e.diagnostic().detail;
            bool checked = false;  // refused by one of the checks in front of ITK, with its reason
            for (const char* start :
                 {"damaged PNG file: ", "damaged JPEG file: ", "damaged MetaImage header: ",
                  "damaged NIfTI header: ", "impossible geometry: ", "truncated: ", "the data file "})
                checked = checked || detail.rfind(start, 0) == 0;
            EXPECT_TRUE(checked) << detail;
        }
    }
    EXPECT_GE(inputs, 8u);
}

}  // namespace
}  // namespace cadview::test
