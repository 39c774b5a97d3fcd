// DicomSegWriter / DicomSegReader on the real chest CT: a label map written as DICOM SEG comes back voxel
// for voxel on the series' grid and on the SEG's own grid; series and maps that cannot be referenced fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "TestData.h"
#include "io/DicomReferenceSeries.h"
#include "io/DicomSegReader.h"
#include "io/DicomSegWriter.h"
#include "io/LabelMapFile.h"

namespace cadview {
namespace {

namespace fs = std::filesystem;

const char* kChestCt = "ct_chest_lung_petct/A0001_lung_kernel";

class DicomSegTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ =
            fs::temp_directory_path() /
            ("cadview_seg_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
             "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        const StudyIndex index = test::indexPath(test::dataPath(kChestCt));
        ASSERT_EQ(index.series.size(), 1u);
        series_ = index.series.front();
        reference_ = DicomReferenceSeries::fromSeries(series_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string file(const std::string& name) const { return (dir_ / name).string(); }

    // Label 1: a box on slices 10-12; label 4: a disc on slices 11 and 40 (overlapping nothing).
    Volume sampleLabels() const {
        Volume v(reference_.geometry, PixelType::UInt8, 1);
        std::memset(v.data(), 0, v.bytes());
        const auto& s = v.geometry().size;
        auto at = [&](std::size_t x, std::size_t y, std::size_t z) -> std::uint8_t& {
            return v.as<std::uint8_t>()[(z * s[1] + y) * s[0] + x];
        };
        for (std::size_t z = 10; z <= 12; ++z)
            for (std::size_t y = 200; y < 260; ++y)
                for (std::size_t x = 100; x < 180; ++x)
                    at(x, y, z) = 1;
        for (std::size_t z : {11u, 40u})
            for (std::size_t y = 280; y < 340; ++y)
                for (std::size_t x = 300; x < 360; ++x)
                    if ((x - 330.0) * (x - 330.0) + (y - 310.0) * (y - 310.0) < 400) at(x, y, z) = 4;
        return v;
    }
    static LabelTable sampleTable() {
        LabelTable t;
        t.set({1, "Right lung nodule", {255, 0, 0}, true, false});
        t.set({4, "Aorta", {0, 90, 255}, true, false});
        t.set({7, "Unused", {1, 2, 3}, true, false});
        return t;
    }

    fs::path dir_;
    SeriesEntry series_;
    DicomReferenceSeries reference_;
};

TEST_F(DicomSegTest, ReferenceFollowsTheSeriesReaderSliceOrder) {
    ASSERT_EQ(reference_.slices.size(), 64u);
    EXPECT_EQ(reference_.geometry.size, (std::array<std::size_t, 3>{512, 512, 64}));
    for (std::size_t z = 0; z < reference_.slices.size(); ++z) {
        const Vec3 p = reference_.geometry.indexToPhysical({0, 0, double(z)});
        EXPECT_NEAR(norm(p - reference_.slices[z].position), 0.0, 1e-3) << "slice " << z;
        EXPECT_FALSE(reference_.slices[z].sopInstanceUid.empty());
    }
}

TEST_F(DicomSegTest, RoundTripOnTheSeriesGridAndOnItsOwnGrid) {
    const Volume labels = sampleLabels();
    const DicomSegWriter::Summary summary =
        DicomSegWriter::write(labels, sampleTable(), reference_, file("seg.dcm"));
    EXPECT_EQ(summary.segments, 2u);
    EXPECT_EQ(summary.frames, 5u);  // label 1 on 3 slices, label 4 on 2
    EXPECT_EQ(summary.referencedSeriesUid, series_.uid);
    EXPECT_EQ(fs::directory_iterator(dir_)->path().filename(), "seg.dcm");  // no temporary left

    const DicomSegReader::Result onSeries = DicomSegReader::read(file("seg.dcm"), reference_.geometry);
    EXPECT_EQ(onSeries.referencedSeriesUid, series_.uid);
    EXPECT_EQ(onSeries.frames, 5u);
    ASSERT_EQ(onSeries.labels.bytes(), labels.bytes());
    EXPECT_EQ(std::memcmp(onSeries.labels.data(), labels.data(), labels.bytes()), 0);
    ASSERT_EQ(onSeries.table.entries().size(), 2u);
    for (int value : {1, 4}) {
        const LabelEntry* e = onSeries.table.find(value);
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(e->name, sampleTable().find(value)->name);
        for (int c = 0; c < 3; ++c)  // through CIELab and back
            EXPECT_NEAR(e->color[c], sampleTable().find(value)->color[c], 1) << value;
    }

    // Own grid: slices 10 to 40 of the series.
    const LabelMapFile::Loaded own = LabelMapFile::read(file("seg.dcm"));
    const ImageGeometry& g = own.labels.geometry();
    EXPECT_EQ(g.size, (std::array<std::size_t, 3>{512, 512, 31}));
    EXPECT_NEAR(norm(g.origin - reference_.slices[10].position), 0.0, 1e-3);
    EXPECT_NEAR(g.spacing[2], reference_.geometry.spacing[2], 1e-3);
    const std::size_t plane = 512 * 512;
    EXPECT_EQ(std::memcmp(own.labels.data(), labels.as<std::uint8_t>() + 10 * plane, 31 * plane), 0);
}

TEST_F(DicomSegTest, MismatchedGridEmptyMapAndSourceFileAreRefused) {
    ImageGeometry shifted = reference_.geometry;
    shifted.origin[2] += 5;
    Volume moved(shifted, PixelType::UInt8, 1);
    std::memset(moved.data(), 1, moved.bytes());
    try {
        DicomSegWriter::write(moved, sampleTable(), reference_, file("a.dcm"));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("origin"), std::string::npos) << e.what();
    }
    Volume empty(reference_.geometry, PixelType::UInt8, 1);
    std::memset(empty.data(), 0, empty.bytes());
    try {
        DicomSegWriter::write(empty, sampleTable(), reference_, file("b.dcm"));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos) << e.what();
    }
    EXPECT_THROW(DicomSegWriter::write(sampleLabels(), sampleTable(), reference_, reference_.slices[3].path),
                 std::runtime_error);
    EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(DicomSegTest, TiltedSeriesCannotBeReferenced) {
    const StudyIndex index = test::indexPath(test::dataPath("ct_head_gantry_tilt/series"));
    ASSERT_EQ(index.series.size(), 1u);
    try {
        DicomReferenceSeries::fromSeries(index.series.front());
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("gantry tilt"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace cadview
