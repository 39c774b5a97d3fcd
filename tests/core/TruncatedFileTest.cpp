// Files cut short (an interrupted copy or transfer), made at test time from real samples by dropping
// their last bytes. Uncompressed pixel data keeps the whole pixels it still holds, the rest blank, with a
// warning naming the file; compressed data, whose remaining pixels cannot be trusted, is refused. GDCM
// alone would pad either with zeros and say nothing. The reference is the intact file (its values are
// checked against pydicom in DicomCodecsTest and DicomSeriesReaderTest).

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "TestData.h"
#include "io/LoadError.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

class TruncatedFile : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        folder_ = fs::temp_directory_path() /
                  ("cadview_truncated_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(folder_, ec);
    }
    // Copies `source` into the scratch folder without its last `drop` bytes; returns the copy's path.
    std::string truncatedCopy(const std::string& source, std::size_t drop) const {
        std::ifstream in(source, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const fs::path out = folder_ / fs::path(source).filename();
        std::ofstream(out, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() - drop));
        return out.string();
    }
    fs::path folder_;
};

const Diagnostic* truncationWarning(const Volume& v, const std::string& name) {
    const Diagnostic* d = findDiagnostic(v.diagnostics(), Diagnostic::Code::PixelDecodeFailed);
    if (d == nullptr) return nullptr;
    EXPECT_EQ(d->severity, Diagnostic::Severity::Warning);
    EXPECT_EQ(fs::path(d->subject).filename(), name);
    EXPECT_NE(d->detail.find("pixel data is truncated"), std::string::npos) << d->detail;
    return d;
}

// Every voxel equals the intact volume's, but the last `missing` of the last slice, which are `blank`.
void expectTailBlank(const Volume& cut, const Volume& whole, std::size_t missing, double blank) {
    ASSERT_EQ(cut.geometry().size, whole.geometry().size);
    ASSERT_EQ(cut.pixelType(), whole.pixelType());
    const auto [nx, ny, nz] = cut.geometry().size;
    const std::size_t firstMissing = nx * ny * nz - missing;
    std::size_t wrong = 0;
    for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t x = 0; x < nx; ++x) {
                const std::size_t i = (z * ny + y) * nx + x;
                const double expected = i >= firstMissing ? blank : whole.valueAt(x, y, z);
                if (cut.valueAt(x, y, z) != expected) ++wrong;
            }
    EXPECT_EQ(wrong, 0u);
}

TEST_F(TruncatedFile, UncompressedMultiFrameKeepsItsWholeFrames) {
    // emri_small: 10 frames of 64 x 64 x 16 bits; 200 bytes less is the last 100 pixels of frame 9.
    const std::string source = samplePath("pydicom_data/emri_small.dcm");
    const Volume cut = readOnlySeries(truncatedCopy(source, 200));
    ASSERT_NE(truncationWarning(cut, "emri_small.dcm"), nullptr);
    expectTailBlank(cut, readOnlySeries(source), 100, 0.0);
}

TEST_F(TruncatedFile, BigEndianSliceThroughGdcmIsReportedToo) {
    // Big endian goes through GDCM, which pads silently: the extent of the pixel data is checked first.
    const std::string source = samplePath("pydicom_debian/MR_small_bigendian.dcm");
    const Volume cut = readOnlySeries(truncatedCopy(source, 200));
    const Diagnostic* d = truncationWarning(cut, "MR_small_bigendian.dcm");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->detail.find("7992 of 8192 bytes"), std::string::npos) << d->detail;
    expectTailBlank(cut, readOnlySeries(source), 100, 0.0);
}

TEST_F(TruncatedFile, CtSliceInASeriesIsBlankedBelowTheCut) {
    // The chest CT with its first file cut by 1000 bytes (500 pixels): the series loads, that slice shows
    // what it holds and air (-1024 HU) below, every other slice is untouched.
    const std::string ct = dataPath("ct_chest_lung_petct/A0001_lung_kernel");
    const fs::path series = folder_ / "series";
    fs::create_directories(series);
    std::string cutName;
    for (const auto& e : fs::directory_iterator(ct)) {
        if (cutName.empty()) {
            cutName = e.path().filename().string();
            fs::rename(truncatedCopy(e.path().string(), 1000), series / cutName);
        } else {
            fs::create_symlink(e.path(), series / e.path().filename());
        }
    }
    const Volume whole = readOnlySeries(ct);
    const Volume cut = readOnlySeries(series.string());
    ASSERT_NE(truncationWarning(cut, cutName), nullptr);
    ASSERT_EQ(cut.geometry().size, whole.geometry().size);
    ASSERT_EQ(cut.pixelType(), whole.pixelType());
    std::size_t differentSlices = 0, cutSlice = 0;
    for (std::size_t z = 0; z < whole.geometry().size[2]; ++z) {
        const std::size_t at = z * whole.sliceBytes();
        if (std::memcmp(cut.data() + at, whole.data() + at, whole.sliceBytes()) != 0) {
            ++differentSlices;
            cutSlice = z;
        }
    }
    ASSERT_EQ(differentSlices, 1u);
    const std::size_t nx = whole.geometry().size[0], ny = whole.geometry().size[1];
    for (std::size_t i = nx * ny - 500; i < nx * ny; ++i)
        ASSERT_EQ(cut.valueAt(i % nx, i / nx, cutSlice), -1024.0) << "pixel " << i;
    for (std::size_t i = 0; i < nx * ny - 500; ++i)
        ASSERT_EQ(cut.valueAt(i % nx, i / nx, cutSlice), whole.valueAt(i % nx, i / nx, cutSlice))
            << "pixel " << i;
}

TEST_F(TruncatedFile, CompressedPixelDataIsRefused) {
    for (const char* name : {"pydicom_debian/MR_small_RLE.dcm", "pydicom_debian/MR_small_jp2klossless.dcm",
                             "pydicom_debian/SC_rgb_jpeg_dcmtk.dcm"}) {
        SCOPED_TRACE(name);
        const std::string path = truncatedCopy(samplePath(name), 200);
        const StudyIndex index = indexPath(path);
        ASSERT_EQ(index.series.size(), 1u);
        JobContext job;
        try {
            DicomSeriesReader::read(index.series.front(), {}, job);
            ADD_FAILURE() << "loaded without complaint";
        } catch (const LoadError& e) {
            EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::PixelDecodeFailed);
            EXPECT_EQ(fs::path(e.diagnostic().subject).filename(), fs::path(name).filename());
            EXPECT_NE(e.diagnostic().detail.find("compressed pixel data is truncated"), std::string::npos)
                << e.diagnostic().detail;
        }
        fs::remove(path);
    }
}

}  // namespace
}  // namespace cadview::test
