// DicomSeriesReader on the real CT and MR series: geometry (LPS, slices along the normal), pixel type,
// voxel values, window, describe() against read(), preview callback and thread count.
// Expected numbers: tests/tools/make_reference_values.py (pydicom + numpy).

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>

#include "TestData.h"
#include "io/DicomSeriesReader.h"
#include "io/LoadError.h"
#include "io/SliceStack.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

const std::string kCtFolder = "ct_chest_lung_petct/A0001_lung_kernel";
const std::string kMrFolder = "mr_head_t1c/series";

const ExpectedGeometry kCtGeometry{{512, 512, 64},
                                   {0.841796875, 0.841796875, 5.0},
                                   {-228.036842, -93.0631599, -439.0},
                                   {1, 0, 0, 0, 1, 0, 0, 0, 1}};

// HU = (stored & 0xfff) - 1024, as pydicom reads it.
const std::vector<Voxel> kCtVoxels{
    {0, 0, 0, -1024},     {511, 0, 0, -1024},    {0, 511, 0, -1024},
    {511, 511, 0, -1024}, {204, 219, 12, 61},    {73, 307, 21, -123},
    {256, 256, 32, 64},   {192, 341, 32, -892},  {426, 128, 42, -1019},
    {384, 320, 51, 168},  {170, 448, 62, -1024}, {0, 0, 63, -1024},
    {511, 0, 63, -1024},  {0, 511, 63, -1024},   {511, 511, 63, -1024},
    {457, 319, 0, 2976},  // the series maximum
};

const ExpectedGeometry kMrGeometry{{512, 512, 64},
                                   {0.41015625, 0.41015625, 1.5},
                                   {-106.32680907019, -123.07443807356, -68.000669002533},
                                   {1.0, 2.051034e-10, 0.0, -2.051034e-10, 1.0, 0.0, 0.0, 0.0, 1.0}};

const std::vector<Voxel> kMrVoxels{
    {0, 0, 0, 0},         {511, 0, 0, 0},      {0, 511, 0, 0},      {511, 511, 0, 33},   {204, 219, 12, 286},
    {73, 307, 21, 56},    {256, 256, 32, 267}, {192, 341, 32, 484}, {426, 128, 42, 436}, {384, 320, 51, 518},
    {170, 448, 62, 634},  {0, 0, 63, 0},       {511, 0, 63, 0},     {0, 511, 63, 0},     {511, 511, 63, 45},
    {134, 408, 48, 1826},  // the series maximum
};

class ChestCt : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_NE(volume_, nullptr) << "loading the series failed"; }
    static void SetUpTestSuite() {
        index_ = new StudyIndex(indexPath(dataPath(kCtFolder)));
        ASSERT_EQ(index_->series.size(), 1u);
        JobContext job;
        volume_ = new Volume(DicomSeriesReader::read(index_->series.front(), {}, job));
    }
    static void TearDownTestSuite() {
        delete volume_;
        delete index_;
        volume_ = nullptr;
        index_ = nullptr;
    }
    static StudyIndex* index_;
    static Volume* volume_;
};
StudyIndex* ChestCt::index_ = nullptr;
Volume* ChestCt::volume_ = nullptr;

TEST_F(ChestCt, IndexFindsOneSeriesOf64Images) {
    const SeriesEntry& s = index_->series.front();
    EXPECT_EQ(s.kind, SeriesEntry::Kind::DicomSeries);
    EXPECT_EQ(s.instances.size(), 64u);
    EXPECT_EQ(s.imageCount(), 64u);
    EXPECT_EQ(s.modality, "CT");
    EXPECT_TRUE(index_->problems.empty());
    EXPECT_EQ(index_->filesScanned, 64u);
}

TEST_F(ChestCt, GeometryIsLpsAlongTheNormal) {
    expectGeometry(volume_->geometry(), kCtGeometry);
    EXPECT_TRUE(volume_->geometry().isOrthonormal());
}

TEST_F(ChestCt, SlicesAreOrderedAlongTheNormalNotByFileName) {
    // The files run head to feet (1-01.dcm at z = -124); the volume runs feet to head along +z.
    const SeriesEntry& s = index_->series.front();
    const auto first = std::find_if(s.instances.begin(), s.instances.end(), [](const DicomInstance& i) {
        return std::filesystem::path(i.path).filename() == "1-01.dcm";
    });
    ASSERT_NE(first, s.instances.end());
    ASSERT_TRUE(first->position.has_value());
    const Vec3 top = volume_->geometry().indexToPhysical({0, 0, 63});
    for (int a = 0; a < 3; ++a)
        EXPECT_NEAR(top[a], (*first->position)[a], kGeometryTolerance);
    EXPECT_NEAR(top[2], -124.0, kGeometryTolerance);
}

TEST_F(ChestCt, PixelTypeIsInt16Hounsfield) {
    EXPECT_EQ(volume_->pixelType(), PixelType::Int16);
    EXPECT_EQ(volume_->components(), 1);
    expectVoxels(*volume_, kCtVoxels);
}

TEST_F(ChestCt, InfoAndNoWarnings) {
    const VolumeInfo& info = volume_->info();
    EXPECT_EQ(info.modality, "CT");
    EXPECT_EQ(info.format, "DICOM");
    EXPECT_FALSE(info.is2D);
    ASSERT_TRUE(info.windowCenter.has_value());
    ASSERT_TRUE(info.windowWidth.has_value());
    EXPECT_DOUBLE_EQ(*info.windowCenter, -600.0);
    EXPECT_DOUBLE_EQ(*info.windowWidth, 1600.0);
    for (const Diagnostic& d : volume_->diagnostics())
        ADD_FAILURE() << "unexpected: " << describe(d);
}

TEST_F(ChestCt, DescribeMatchesReadWithoutDecoding) {
    const VolumeDescription d = DicomSeriesReader::describe(index_->series.front());
    expectGeometry(d.geometry, kCtGeometry);
    EXPECT_EQ(d.pixelType, PixelType::Int16);
    EXPECT_EQ(d.components, 1);
    EXPECT_EQ(d.info.modality, "CT");
    EXPECT_TRUE(d.diagnostics.empty());
}

TEST_F(ChestCt, PreviewIsTheMiddleSliceAndSingleThreadedReadIsIdentical) {
    std::atomic<int> calls{0};
    Volume preview;
    LoadOptions options;
    options.threads = 1;
    options.onPreview = [&](const Volume& slice) {
        ++calls;
        preview = slice;
    };
    JobContext job;
    const Volume single = DicomSeriesReader::read(index_->series.front(), options, job);
    EXPECT_EQ(calls.load(), 1);
    ASSERT_FALSE(preview.empty());
    EXPECT_EQ(preview.geometry().size[2], 1u);
    EXPECT_NEAR(preview.geometry().origin[2], -439.0 + 32 * 5.0, kGeometryTolerance);
    EXPECT_EQ(preview.valueAt(256, 256, 0), 64.0);
    EXPECT_EQ(preview.valueAt(192, 341, 0), -892.0);

    ASSERT_EQ(single.bytes(), volume_->bytes());
    EXPECT_EQ(std::memcmp(single.data(), volume_->data(), single.bytes()), 0);
    const JobProgress p = job.progress();
    EXPECT_EQ(p.stage, JobStage::Decoding);
    EXPECT_EQ(p.done, 64u);
    EXPECT_EQ(p.total, 64u);
}

TEST_F(ChestCt, LoadPathPicksTheSeriesAndAddsNoWarning) {
    JobContext job;
    const Volume v = VolumeLoader::loadPath(dataPath(kCtFolder), "", {}, job);
    expectGeometry(v.geometry(), kCtGeometry);
    EXPECT_TRUE(v.diagnostics().empty());
    EXPECT_EQ(v.valueAt(384, 320, 51), 168.0);
    const Volume byUid = VolumeLoader::loadPath(dataPath(kCtFolder), index_->series.front().uid, {}, job);
    EXPECT_EQ(byUid.valueAt(204, 219, 12), 61.0);
    EXPECT_THROW(VolumeLoader::loadPath(dataPath(kCtFolder), "1.2.3.no.such.uid", {}, job), LoadError);
}

TEST(HeadMr, GeometryPixelTypeAndVoxels) {
    const StudyIndex index = indexPath(dataPath(kMrFolder));
    ASSERT_EQ(index.series.size(), 1u);
    EXPECT_EQ(index.series.front().modality, "MR");
    EXPECT_EQ(index.series.front().instances.size(), 64u);
    JobContext job;
    const Volume v = DicomSeriesReader::read(index.series.front(), {}, job);
    expectGeometry(v.geometry(), kMrGeometry);
    // No rescale tags and unsigned 12-bit data: the stored type is kept.
    EXPECT_EQ(v.pixelType(), PixelType::UInt16);
    expectVoxels(v, kMrVoxels);
    ASSERT_TRUE(v.info().windowCenter.has_value());
    EXPECT_DOUBLE_EQ(*v.info().windowCenter, 606.0);
    EXPECT_DOUBLE_EQ(*v.info().windowWidth, 1168.0);
    EXPECT_FALSE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::Oblique));
    EXPECT_FALSE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::Resampled));
    EXPECT_TRUE(v.diagnostics().empty());
}

TEST(HeadMr, FirstSliceInNormalOrderIsInstance17) {
    const StudyIndex index = indexPath(dataPath(kMrFolder));
    ASSERT_EQ(index.series.size(), 1u);
    const SliceStack stack = SliceStack::analyze(index.series.front().instances, "mr");
    ASSERT_EQ(stack.order.size(), 64u);
    const DicomInstance& first = index.series.front().instances[stack.order.front()];
    EXPECT_EQ(std::filesystem::path(first.path).filename(), "1-017.dcm");
    EXPECT_TRUE(stack.regular);
    EXPECT_NEAR(stack.tiltDegrees, 0.0, 1e-6);
}

}  // namespace
}  // namespace cadview::test
