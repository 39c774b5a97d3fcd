// Hand-made hostile NIfTI, NRRD and MetaImage files, built here byte by byte: geometry that cannot be true
// (NaN, infinite, 3e38, zero, negative, collinear), pixel data that is not all there (truncated, cut gzip,
// vox_offset inside the header, a small file claiming gigabytes), detached data files that are FIFOs, outside
// the header's folder or system files, and 64-bit values that do not fit. Each is refused with
// LoadError and a reason naming it (or loaded with a named warning where a default is sane) instead of an
// abort, a hang, a zero-filled volume or garbage.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329 on "literal" + std::string, as in the CLI tests

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "TempDir.h"
#include "io/ImageFileReader.h"
#include "io/LoadError.h"
#include "io/VolumeWriter.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<char>;

template <typename T>
void put(Bytes& b, std::size_t at, T v) {
    std::memcpy(b.data() + at, &v, sizeof v);
}

// A valid single-file NIfTI-1 of 4 x 4 x 4 int16 voxels (value = index), 1 mm, identity sform.
Bytes nifti() {
    Bytes b(352 + 128, 0);
    put<std::int32_t>(b, 0, 348);
    const std::int16_t dim[8] = {3, 4, 4, 4, 1, 1, 1, 1};
    std::memcpy(b.data() + 40, dim, sizeof dim);
    put<std::int16_t>(b, 70, 4);   // datatype int16
    put<std::int16_t>(b, 72, 16);  // bitpix
    const float pixdim[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    std::memcpy(b.data() + 76, pixdim, sizeof pixdim);
    put<float>(b, 108, 352);       // vox_offset
    put<float>(b, 112, 1);         // scl_slope
    put<std::int16_t>(b, 254, 1);  // sform_code
    const float srow[12] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    std::memcpy(b.data() + 280, srow, sizeof srow);
    std::memcpy(b.data() + 344, "n+1", 4);
    for (std::int16_t i = 0; i < 64; ++i)
        put<std::int16_t>(b, 352 + 2 * std::size_t(i), i);
    return b;
}

std::string write(const std::string& path, const Bytes& b) {
    std::ofstream(path, std::ios::binary).write(b.data(), std::streamsize(b.size()));
    return path;
}

std::string writeGzip(const std::string& path, const Bytes& b) {
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, b.data(), unsigned(b.size()));
    gzclose(f);
    return path;
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Volume load(const std::string& path) {
    JobContext job;
    return ImageFileReader::read(path, job);
}

// read refuses `path` with a reason that contains `words`.
void expectRefused(const std::string& path, const std::string& words) {
    SCOPED_TRACE(path);
    try {
        load(path);
        ADD_FAILURE() << "expected LoadError containing \"" << words << "\"";
    } catch (const LoadError& e) {
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos)
            << "expected \"" << words << "\" in: " << e.what();
        EXPECT_EQ(e.diagnostic().subject, path);
    }
}

TEST(HostileNifti, ValidFileLoads) {
    TempDir dir;
    const Volume v = load(write(dir.file("ok.nii"), nifti()));
    EXPECT_EQ(v.geometry().size[2], 4u);
    EXPECT_EQ(v.valueAt(3, 3, 3), 63.0);
    EXPECT_EQ(load(writeGzip(dir.file("ok.nii.gz"), nifti())).valueAt(1, 0, 0), 1.0);
}

TEST(HostileNifti, NonFiniteOrAbsurdMatricesAreRefused) {
    TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    int n = 0;
    for (const float bad : {nan, inf, 3e38f}) {
        for (const std::size_t at : {280u, 300u, 292u}) {  // a rotation element, another, an offset
            Bytes b = nifti();
            put<float>(b, at, bad);
            expectRefused(write(dir.file("sform" + std::to_string(n++) + ".nii"), b), "sform");
        }
        Bytes q = nifti();
        put<std::int16_t>(q, 252, 1);  // qform_code
        put<std::int16_t>(q, 254, 0);
        put<float>(q, 256, bad);  // quatern_b
        expectRefused(write(dir.file("qform" + std::to_string(n++) + ".nii"), q), "qform");
    }
    Bytes collinear = nifti();
    put<float>(collinear, 296, 1);  // srow_y = (1, 0, 0): the same axis as srow_x
    put<float>(collinear, 300, 0);
    expectRefused(write(dir.file("collinear.nii"), collinear), "collinear");
}

TEST(HostileNifti, SpacingThatCannotBeTrueIsRefusedAndZeroIsNamed) {
    TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    int n = 0;
    for (const float bad : {nan, -1.0f, 1e30f}) {
        Bytes b = nifti();
        put<float>(b, 80, bad);        // pixdim[1]
        put<std::int16_t>(b, 254, 0);  // no sform: the spacing is pixdim's
        expectRefused(write(dir.file("spacing" + std::to_string(n++) + ".nii"), b), "spacing");
    }
    Bytes zero = nifti();
    put<float>(zero, 84, 0);  // pixdim[2]
    put<std::int16_t>(zero, 254, 0);
    const Volume v = load(write(dir.file("zero.nii"), zero));
    ASSERT_FALSE(v.diagnostics().empty());
    EXPECT_EQ(v.diagnostics().front().code, Diagnostic::Code::SpacingUnknown);
    EXPECT_NE(v.diagnostics().front().detail.find("along y"), std::string::npos);
}

TEST(HostileNifti, VoxOffsetOutsideThePixelsIsRefused) {
    TempDir dir;
    int n = 0;
    for (const float bad : {0.0f, -16.0f, std::numeric_limits<float>::quiet_NaN(), 1e30f, 100.0f}) {
        Bytes b = nifti();
        put<float>(b, 108, bad);
        expectRefused(write(dir.file("offset" + std::to_string(n++) + ".nii"), b), "vox_offset");
    }
    Bytes past = nifti();
    put<float>(past, 108, 4096);  // past the end of the file
    expectRefused(write(dir.file("past.nii"), past), "truncated");
}

TEST(HostileNifti, TruncatedPixelDataIsRefused) {
    TempDir dir;
    Bytes cut = nifti();
    cut.resize(cut.size() - 10);
    expectRefused(write(dir.file("cut.nii"), cut),
                  "truncated: 128 bytes of pixel data expected, 118 present");
    expectRefused(writeGzip(dir.file("short.nii.gz"), cut), "truncated");
    // A .nii.gz whose compressed stream is cut off in the middle.
    const std::string whole = writeGzip(dir.file("whole.nii.gz"), nifti());
    const std::string gz = fileBytes(whole);
    expectRefused(write(dir.file("cutgz.nii.gz"), Bytes(gz.begin(), gz.begin() + long(gz.size() / 2))),
                  "truncated");
}

TEST(HostileNifti, SmallFileClaimingGigabytesIsRefusedWithoutAllocating) {
    TempDir dir;
    Bytes b = nifti();
    const std::int16_t dim[8] = {3, 2048, 2048, 256, 1, 1, 1, 1};  // 2 GiB of int16
    std::memcpy(b.data() + 40, dim, sizeof dim);
    const std::string path = writeGzip(dir.file("claims2gb.nii.gz"), b);
    EXPECT_LT(fs::file_size(path), 1000u);
    const auto start = std::chrono::steady_clock::now();
    expectRefused(path, "truncated: 2147483648 bytes of pixel data expected, 128 present");
    // Refused from the header and a few bytes of stream: no 2 GiB buffer was zero-filled first.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(HostileNifti, SixtyFourBitValuesAreKeptOrRefused) {
    TempDir dir;
    Bytes b(352 + 64 * 8, 0);
    std::memcpy(b.data(), nifti().data(), 352);
    put<std::int16_t>(b, 70, 64);  // float64
    put<std::int16_t>(b, 72, 64);
    for (std::size_t i = 0; i < 64; ++i)
        put<double>(b, 352 + 8 * i, double(i) + 0.5);
    put<double>(b, 352 + 8 * 5, std::numeric_limits<double>::quiet_NaN());
    put<double>(b, 352 + 8 * 6, -std::numeric_limits<double>::infinity());
    const Volume v = load(write(dir.file("f64.nii"), b));
    EXPECT_EQ(v.valueAt(3, 0, 0), 3.5);
    EXPECT_TRUE(std::isnan(v.valueAt(1, 1, 0)));  // kept, not turned into 0
    EXPECT_EQ(v.valueAt(2, 1, 0), -std::numeric_limits<double>::infinity());
    // And written again as they are (the writer's read-back check reads NIfTI floats itself too).
    for (const char* name : {"again.nii.gz", "again.nrrd"}) {
        VolumeWriter::write(v, dir.file(name));
        const Volume again = load(dir.file(name));
        EXPECT_TRUE(std::isnan(again.valueAt(1, 1, 0))) << name;
        EXPECT_EQ(again.valueAt(2, 1, 0), -std::numeric_limits<double>::infinity()) << name;
    }
    put<double>(b, 352 + 8 * 7, 1e308);
    expectRefused(write(dir.file("f64big.nii"), b), "does not fit in 32-bit floating point");
}

// --- NRRD and MetaImage --------------------------------------------------------------------------------

std::string nrrdHeader(const std::string& extra) {
    return "NRRD0004\ntype: short\ndimension: 3\nsizes: 4 4 4\nspace: left-posterior-superior\n"
           "space directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (0,0,0)\nendian: little\n" +
           extra;
}

std::string pixels(std::size_t bytes) {
    std::string p(bytes, '\0');
    for (std::size_t i = 0; i < bytes; ++i)
        p[i] = char(i % 7);
    return p;
}

std::string writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string mhaHeader(const std::string& extra, const std::string& dataFile) {
    return "ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_SHORT\nElementSpacing = 1 1 "
           "1\n" +
           extra + "ElementDataFile = " + dataFile + "\n";
}

TEST(HostileNrrdAndMeta, ValidFilesLoad) {
    TempDir dir;
    EXPECT_EQ(load(writeText(dir.file("ok.nrrd"), nrrdHeader("encoding: raw\n\n") + pixels(128)))
                  .geometry()
                  .size[2],
              4u);
    EXPECT_EQ(load(writeText(dir.file("ok.mha"), mhaHeader("", "LOCAL") + pixels(128))).geometry().size[2],
              4u);
    writeText(dir.file("data.raw"), pixels(128));
    EXPECT_EQ(load(writeText(dir.file("detached.nhdr"), nrrdHeader("encoding: raw\ndata file: data.raw\n")))
                  .geometry()
                  .size[0],
              4u);
    EXPECT_EQ(load(writeText(dir.file("detached.mhd"), mhaHeader("", "data.raw"))).geometry().size[0], 4u);
}

TEST(HostileNrrdAndMeta, TruncatedPixelDataIsRefused) {
    TempDir dir;
    expectRefused(writeText(dir.file("cut.nrrd"), nrrdHeader("encoding: raw\n\n") + pixels(100)),
                  "truncated: 128 bytes of pixel data expected, 100 present");
    expectRefused(writeText(dir.file("cut.mha"), mhaHeader("", "LOCAL") + pixels(3)),
                  "truncated: 128 bytes of pixel data expected, 3 present");
    // Compressed: a zlib stream of 100 bytes where 128 are claimed, and a stream cut in half.
    std::string packed(256, '\0');
    uLongf size = packed.size();
    const std::string few = pixels(100);
    compress(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(few.data()),
             few.size());
    packed.resize(size);
    expectRefused(
        writeText(
            dir.file("short.mha"),
            mhaHeader("CompressedData = True\nCompressedDataSize = " + std::to_string(size) + "\n", "LOCAL") +
                packed),
        "truncated");
    const std::string gz = fileBytes(writeGzip(dir.file("px.gz"), Bytes(128, 'x')));
    expectRefused(
        writeText(dir.file("cutgz.nrrd"), nrrdHeader("encoding: gzip\n\n") + gz.substr(0, gz.size() / 2)),
        "truncated");
}

TEST(HostileNrrdAndMeta, DetachedDataFilesMustBeRegularFilesBesideTheHeader) {
    TempDir dir;
    fs::create_directories(dir.path() / "sub");
    writeText(dir.file("outside.raw"), pixels(128));
    ASSERT_EQ(::mkfifo(dir.file("sub/fifo.raw").c_str(), 0600), 0);
    fs::create_symlink(dir.file("outside.raw"), dir.path() / "sub" / "link.raw");
    const std::string sub = dir.file("sub/");
    struct Case {
        const char* data;
        const char* why;
    };
    for (const Case& c :
         {Case{"fifo.raw", "is not a regular file"}, Case{"/etc/passwd", "absolute path"},
          Case{"../outside.raw", "leaves the folder of"}, Case{"/proc/self/environ", "absolute path"},
          Case{"link.raw", "links outside the folder of"}, Case{"missing.raw", "does not exist"}}) {
        SCOPED_TRACE(c.data);
        expectRefused(
            writeText(sub + "h.nhdr", nrrdHeader(std::string("encoding: raw\ndata file: ") + c.data + "\n")),
            c.why);
        expectRefused(writeText(sub + "h.mhd", mhaHeader("", c.data)), c.why);
    }
}

TEST(HostileNrrdAndMeta, GeometryThatCannotBeTrueIsRefused) {
    TempDir dir;
    const std::string body = pixels(128);
    int n = 0;
    // Refused by our checks, or by ITK's own reader ("cannot read the file"): never loaded with a default.
    for (const char* dirs :
         {"(nan,0,0) (0,1,0) (0,0,1)", "(1,0,0) (1,0,0) (0,0,1)", "(0,0,0) (0,1,0) (0,0,1)",
          "(1e300,0,0) (0,1,0) (0,0,1)", "(inf,0,0) (0,1,0) (0,0,1)"}) {
        SCOPED_TRACE(dirs);
        std::string h = nrrdHeader("encoding: raw\n\n");
        h.replace(h.find("(1,0,0) (0,1,0) (0,0,1)"), 23, dirs);
        expectRefused(writeText(dir.file("g" + std::to_string(n++) + ".nrrd"), h + body),
                      "cannot read the file");
    }
    std::string origin = nrrdHeader("encoding: raw\n\n");
    origin.replace(origin.find("(0,0,0)"), 7, "(0,3e38,0)");
    expectRefused(writeText(dir.file("origin.nrrd"), origin + body), "impossible geometry: space origin");
    for (const char* spacing : {"nan 1 1", "-1 1 1", "1e300 1 1", "inf 1 1"}) {
        SCOPED_TRACE(spacing);
        std::string h = mhaHeader("", "LOCAL");
        h.replace(h.find("1 1 1"), 5, spacing);
        expectRefused(writeText(dir.file("s" + std::to_string(n++) + ".mha"), h + body),
                      "cannot read the file");
    }
    expectRefused(writeText(dir.file("collinear.mha"),
                            mhaHeader("TransformMatrix = 1 0 0 1 0 0 0 0 1\n", "LOCAL") + body),
                  "impossible geometry");
    expectRefused(writeText(dir.file("origin.mha"), mhaHeader("Offset = 0 inf 0\n", "LOCAL") + body),
                  "cannot read the file");
    // A spacing of 0 is "unknown": 1 mm, and the warning says which axis.
    std::string zero = mhaHeader("", "LOCAL");
    zero.replace(zero.find("1 1 1"), 5, "1 0 1");
    const Volume v = load(writeText(dir.file("zero.mha"), zero + body));
    EXPECT_EQ(v.geometry().spacing[1], 1.0);
    ASSERT_EQ(v.diagnostics().size(), 1u);
    EXPECT_EQ(v.diagnostics()[0].code, Diagnostic::Code::SpacingUnknown);
    EXPECT_NE(v.diagnostics()[0].detail.find("along y"), std::string::npos);
}

}  // namespace
}  // namespace cadview::test
