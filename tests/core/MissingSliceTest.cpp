// A real series with a hole: the chest CT without one slice (a temporary folder of symlinks to 63 of the
// 64 files). The gap is reported as one missing slice and filled by linear interpolation on the original
// 5 mm grid; every other slice is unchanged. Expected numbers: tests/tools/make_reference_values.py.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include <unistd.h>

#include "TestData.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kCt = "ct_chest_lung_petct/A0001_lung_kernel";
const std::string kDropped = "1-34.dcm";  // slice 30 in normal order (z = -289)

class MissingSlice : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_NE(raw_, nullptr) << "loading the series failed"; }
    static void SetUpTestSuite() {
        folder_ =
            new fs::path(fs::temp_directory_path() / ("cadview_missing_slice_" + std::to_string(::getpid())));
        fs::remove_all(*folder_);
        fs::create_directories(*folder_);
        for (const auto& e : fs::directory_iterator(dataPath(kCt)))
            if (e.path().filename() != kDropped) fs::create_symlink(e.path(), *folder_ / e.path().filename());
        full_ = new Volume(readOnlySeries(dataPath(kCt)));
        resampled_ = new Volume(readOnlySeries(folder_->string()));
        LoadOptions raw;
        raw.resampleIrregular = false;
        raw_ = new Volume(readOnlySeries(folder_->string(), raw));
    }
    static void TearDownTestSuite() {
        std::error_code ec;
        fs::remove_all(*folder_, ec);
        delete folder_;
        delete full_;
        delete resampled_;
        delete raw_;
        folder_ = nullptr;
        full_ = resampled_ = raw_ = nullptr;
    }
    static fs::path* folder_;
    static Volume* full_;
    static Volume* resampled_;
    static Volume* raw_;
};
fs::path* MissingSlice::folder_ = nullptr;
Volume* MissingSlice::full_ = nullptr;
Volume* MissingSlice::resampled_ = nullptr;
Volume* MissingSlice::raw_ = nullptr;

TEST_F(MissingSlice, IsReportedAsOneMissingSliceAndResampled) {
    const Diagnostics& ds = resampled_->diagnostics();
    const Diagnostic* missing = findDiagnostic(ds, Diagnostic::Code::MissingSlices);
    ASSERT_NE(missing, nullptr);
    EXPECT_DOUBLE_EQ(missing->value, 1.0);
    const Diagnostic* resampled = findDiagnostic(ds, Diagnostic::Code::Resampled);
    ASSERT_NE(resampled, nullptr);
    EXPECT_NEAR(resampled->value, 5.0, 1e-9);
    EXPECT_FALSE(hasDiagnostic(ds, Diagnostic::Code::UnevenSpacing));
    EXPECT_FALSE(hasDiagnostic(ds, Diagnostic::Code::GantryTilt));
}

TEST_F(MissingSlice, ResampledGridIsTheOriginalGrid) {
    const ImageGeometry& g = full_->geometry();
    expectGeometry(resampled_->geometry(), {g.size, g.spacing, g.origin, g.direction}, 1e-9);
    EXPECT_EQ(resampled_->geometry().size[2], 64u);
    EXPECT_EQ(resampled_->pixelType(), PixelType::Int16);
}

TEST_F(MissingSlice, OtherSlicesAreUnchanged) {
    for (std::size_t z = 0; z < 64; ++z) {
        if (z == 30) continue;
        const auto* a = reinterpret_cast<const std::byte*>(full_->data()) + z * full_->sliceBytes();
        const auto* b = reinterpret_cast<const std::byte*>(resampled_->data()) + z * resampled_->sliceBytes();
        EXPECT_EQ(std::memcmp(a, b, full_->sliceBytes()), 0) << "slice " << z;
    }
}

TEST_F(MissingSlice, MissingSliceIsTheMeanOfItsNeighbours) {
    // round half away from zero of (slice 29 + slice 31) / 2, from pydicom; true slice 30 in the comment.
    expectVoxels(*resampled_, {{256, 256, 30, -20},     // -73, 33; true -22
                               {192, 341, 30, -905},    // -940, -870; true -899
                               {100, 300, 30, 37},      // 56, 18; true 58
                               {300, 180, 30, -841},    // -832, -849 -> -840.5; true -1014
                               {457, 319, 30, -801},    // -1006, -596; true -1024
                               {0, 0, 30, -1024},       // -1024, -1024
                               {350, 250, 30, -684},    // -931, -437; true -816
                               {150, 260, 30, -841}});  // -784, -898; true -815
    // And everywhere: compare with the complete series' neighbours.
    std::size_t mismatches = 0;
    for (std::size_t y = 0; y < 512; y += 3) {
        for (std::size_t x = 0; x < 512; x += 3) {
            const double v = (full_->valueAt(x, y, 29) + full_->valueAt(x, y, 31)) / 2;
            const double expected = v < 0 ? -std::floor(-v + 0.5) : std::floor(v + 0.5);
            if (resampled_->valueAt(x, y, 30) != expected) ++mismatches;
        }
    }
    EXPECT_EQ(mismatches, 0u);
}

TEST_F(MissingSlice, WithoutResamplingTheStackHas63Slices) {
    EXPECT_EQ(raw_->geometry().size[2], 63u);
    EXPECT_DOUBLE_EQ(raw_->geometry().spacing[2], 5.0);  // median gap
    EXPECT_TRUE(hasDiagnostic(raw_->diagnostics(), Diagnostic::Code::MissingSlices));
    EXPECT_FALSE(hasDiagnostic(raw_->diagnostics(), Diagnostic::Code::Resampled));
    // Slices above the hole shift down by one.
    EXPECT_EQ(raw_->valueAt(192, 341, 29), full_->valueAt(192, 341, 29));
    EXPECT_EQ(raw_->valueAt(192, 341, 30), full_->valueAt(192, 341, 31));
    EXPECT_EQ(raw_->valueAt(384, 320, 50), 168.0);  // full slice 51, from pydicom
}

}  // namespace
}  // namespace cadview::test
