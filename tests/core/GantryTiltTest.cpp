// The gantry-tilted head CT (28 slices, 18.5 degrees, gaps of 4.0 then 7.0 mm along the normal):
// warnings, the regular grid it is resampled onto, resampled voxels against an independent numpy
// implementation (tests/tools/make_reference_values.py, gantry_tilt()), and the raw stack when
// resampling is switched off.

#include <gtest/gtest.h>

#include <filesystem>

#include "TestData.h"
#include "io/SliceStack.h"

namespace cadview::test {
namespace {

const std::string kFolder = "ct_head_gantry_tilt/series";

// Direction columns: row (1,0,0), column orthogonalised (0, 0.9483, -0.3173), normal (0, 0.3173, 0.9483).
constexpr std::array<double, 9> kTiltDirection{1.0,
                                               0.0,
                                               0.0,
                                               0.0,
                                               0.9483236465981046,
                                               0.31730468213197416,
                                               0.0,
                                               -0.31730468213197416,
                                               0.9483236465981046};

const ExpectedGeometry kRawGeometry{{512, 512, 28},
                                    {0.4882812, 0.4882812, 4.001925788644009},
                                    {-125.0, -123.5404569, 5.8360586},
                                    kTiltDirection};

// The step is the finest real gap (4.0019 mm; the 1.08 mm transition gap does not count), stretched so
// that 37 slices run exactly from the first to the last position; the in-plane origin moves by the
// stack's mean slide (-24.1 mm along the column) snapped to whole pixels (-49 pixels).
const ExpectedGeometry kResampledGeometry{{512, 512, 37},
                                          {0.4882812, 0.4882812, 4.002452635114334},
                                          {-125.0, -146.22983869931562, 13.427820236893925},
                                          kTiltDirection};

// Raw HU of the slices in normal order (pydicom).
const std::vector<Voxel> kRawVoxels{
    {0, 0, 0, -1500},      {511, 0, 0, -1500},  {0, 511, 0, -1500},   {511, 511, 0, -1500},
    {204, 219, 5, 129},    {73, 307, 9, -977},  {256, 256, 14, 14},   {192, 341, 14, 39},
    {426, 128, 18, -994},  {384, 320, 22, 404}, {170, 448, 26, -949}, {0, 0, 27, -1500},
    {511, 511, 27, -1500}, {189, 290, 8, 2121},  // the series maximum
};

// Resampled voxels: bilinear in-plane on the two slices bracketing the voxel along the normal, linear
// between them, rounded half away from zero; outside every slice = stack minimum (-1500).
// Unrounded numpy values in the comments (none is within 0.01 of a half).
const std::vector<Voxel> kResampledVoxels{
    {0, 0, 0, -1500},       // -1500.0000
    {256, 256, 0, -829},    // -829.0000: on slice 0, shifted by exactly 49 pixels
    {256, 256, 18, 27},     // 27.2425
    {300, 200, 5, 311},     // 310.7122
    {123, 345, 17, 49},     // 49.3584
    {400, 100, 30, -995},   // -994.9641
    {256, 300, 36, 868},    // 868.0559
    {200, 260, 1, 51},      // 51.2614
    {311, 157, 2, -87},     // -87.4551
    {250, 250, 13, 18},     // 17.6792
    {270, 230, 14, 30},     // 29.9860: between slice 14 (53.1 mm) and 15 (60.1 mm)
    {240, 280, 15, 25},     // 25.2958
    {290, 210, 35, 40},     // 40.1385
    {10, 500, 20, -1500},   // -1500.0000
    {511, 511, 36, -1500},  // -1500.0000
    {256, 20, 25, -1006},   // -1006.3219
};

class GantryTilt : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_NE(raw_, nullptr) << "loading the series failed"; }
    static void SetUpTestSuite() {
        index_ = new StudyIndex(indexPath(dataPath(kFolder)));
        ASSERT_EQ(index_->series.size(), 1u);
        JobContext job;
        resampled_ = new Volume(DicomSeriesReader::read(index_->series.front(), {}, job));
        LoadOptions raw;
        raw.resampleIrregular = false;
        raw_ = new Volume(DicomSeriesReader::read(index_->series.front(), raw, job));
    }
    static void TearDownTestSuite() {
        delete raw_;
        delete resampled_;
        delete index_;
        raw_ = resampled_ = nullptr;
        index_ = nullptr;
    }
    static StudyIndex* index_;
    static Volume* resampled_;
    static Volume* raw_;
};
StudyIndex* GantryTilt::index_ = nullptr;
Volume* GantryTilt::resampled_ = nullptr;
Volume* GantryTilt::raw_ = nullptr;

TEST_F(GantryTilt, WarnsAboutTiltUnevenSpacingAndResampling) {
    const Diagnostics& ds = resampled_->diagnostics();
    const Diagnostic* tilt = findDiagnostic(ds, Diagnostic::Code::GantryTilt);
    ASSERT_NE(tilt, nullptr);
    EXPECT_NEAR(tilt->value, 18.500001554365706, 1e-6);
    EXPECT_EQ(tilt->severity, Diagnostic::Severity::Warning);

    const Diagnostic* uneven = findDiagnostic(ds, Diagnostic::Code::UnevenSpacing);
    ASSERT_NE(uneven, nullptr);
    EXPECT_NEAR(uneven->value, 1.0810889571218354, 1e-6);  // the transition gap between the two runs
    EXPECT_NEAR(uneven->value2, 6.998628511894026, 1e-6);  // the gap of the second run

    const Diagnostic* resampled = findDiagnostic(ds, Diagnostic::Code::Resampled);
    ASSERT_NE(resampled, nullptr);
    EXPECT_NEAR(resampled->value, 4.002452635114334, 1e-6);

    // 7.0 / 4.0 is not a whole multiple: nothing is reported missing. The tilt is not "oblique".
    EXPECT_FALSE(hasDiagnostic(ds, Diagnostic::Code::MissingSlices));
    EXPECT_FALSE(hasDiagnostic(ds, Diagnostic::Code::Oblique));
    EXPECT_FALSE(hasDiagnostic(ds, Diagnostic::Code::DuplicatePositions));
    EXPECT_EQ(ds.size(), 3u);
}

TEST_F(GantryTilt, DescribeAnnouncesTheResampledGrid) {
    const VolumeDescription d = DicomSeriesReader::describe(index_->series.front());
    expectGeometry(d.geometry, kResampledGeometry);
    EXPECT_EQ(d.pixelType, PixelType::Int16);
    EXPECT_TRUE(hasDiagnostic(d.diagnostics, Diagnostic::Code::Resampled));
}

TEST_F(GantryTilt, ResampledGeometry) {
    expectGeometry(resampled_->geometry(), kResampledGeometry);
    EXPECT_TRUE(resampled_->geometry().isOrthonormal(1e-9));
    EXPECT_EQ(resampled_->pixelType(), PixelType::Int16);
    // The last resampled slice sits exactly on the last input slice's plane (144.088 mm along the normal).
    const Vec3 last = resampled_->geometry().indexToPhysical({0, 0, 36});
    const Vec3 normal{0.0, 0.31730468213197416, 0.9483236465981046};
    EXPECT_NEAR(dot(last - Vec3{-125.0, -123.5404569, 5.8360586}, normal), 144.088295, 1e-5);
}

TEST_F(GantryTilt, ResampledVoxelsMatchIndependentImplementation) {
    expectVoxels(*resampled_, kResampledVoxels);
}

TEST_F(GantryTilt, RawStackKeeps28SlicesInNormalOrder) {
    expectGeometry(raw_->geometry(), kRawGeometry);
    EXPECT_EQ(raw_->pixelType(), PixelType::Int16);
    expectVoxels(*raw_, kRawVoxels);
    // Without resampling the irregularity is still reported, but not "Resampled".
    EXPECT_TRUE(hasDiagnostic(raw_->diagnostics(), Diagnostic::Code::GantryTilt));
    EXPECT_TRUE(hasDiagnostic(raw_->diagnostics(), Diagnostic::Code::UnevenSpacing));
    EXPECT_FALSE(hasDiagnostic(raw_->diagnostics(), Diagnostic::Code::Resampled));
}

TEST_F(GantryTilt, SliceStackLayout) {
    const SeriesEntry& s = index_->series.front();
    const SliceStack stack = SliceStack::analyze(s.instances, s.uid);
    ASSERT_EQ(stack.order.size(), 28u);
    ASSERT_EQ(stack.positions.size(), 28u);
    EXPECT_FALSE(stack.regular);
    EXPECT_NEAR(stack.tiltDegrees, 18.500001554365706, 1e-6);
    EXPECT_EQ(std::filesystem::path(s.instances[stack.order.front()].path).filename(), "01.dcm");
    EXPECT_EQ(std::filesystem::path(s.instances[stack.order.back()].path).filename(), "28.dcm");
    // Positions along the normal from the first slice (numpy).
    const double expected[] = {0.0,        4.001926,   8.003852,   12.005777,  16.007703,  20.009629,
                               24.011555,  28.013481,  32.015406,  36.017332,  40.019258,  44.021184,
                               48.023109,  52.025035,  53.106124,  60.104753,  67.103381,  74.10201,
                               81.100638,  88.099267,  95.097895,  102.096524, 109.095152, 116.093781,
                               123.092409, 130.091038, 137.089666, 144.088295};
    for (std::size_t k = 0; k < 28; ++k)
        EXPECT_NEAR(stack.positions[k], expected[k], 1e-5) << k;
    // The tilt slides each slice along the column direction only: 48.2 mm over the whole stack.
    EXPECT_NEAR(stack.offsetRow.back(), 0.0, 1e-6);
    EXPECT_NEAR(stack.offsetCol.back(), -48.211273403132154, 1e-5);
    expectGeometry(stack.stackGeometry, kRawGeometry);
    expectGeometry(stack.regularGeometry, kResampledGeometry);
}

}  // namespace
}  // namespace cadview::test
