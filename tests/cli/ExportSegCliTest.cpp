// cadview-cli export-seg on the real chest CT: the SEG is checked by tests/tools/check_seg.py with pydicom
// (independent of cadview), and every failure exits non-zero with a message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "CliRunner.h"
#include "TestFolder.h"
#include "io/ImageFileReader.h"
#include "io/LabelMapFile.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kChestCt = std::string(CADVIEW_TEST_DATA) + "/ct_chest_lung_petct/A0001_lung_kernel";

// The chest CT's grid as cadview-cli convert writes it.
ImageGeometry chestGrid(const TempDir& dir) {
    const CliRun r = runCli("convert " + quoted(kChestCt) + " " + quoted(dir.file("ct.nii.gz")));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return ImageFileReader::describe(dir.file("ct.nii.gz")).geometry;
}

// Label 1: a box on slices 20-22; label 3: a disc on slices 21 and 50.
Volume sampleLabels(const ImageGeometry& g) {
    Volume v(g, PixelType::UInt8, 1);
    std::memset(v.data(), 0, v.bytes());
    auto at = [&](std::size_t x, std::size_t y, std::size_t z) -> std::uint8_t& {
        return v.as<std::uint8_t>()[(z * g.size[1] + y) * g.size[0] + x];
    };
    for (std::size_t z = 20; z <= 22; ++z)
        for (std::size_t y = 150; y < 230; ++y)
            for (std::size_t x = 120; x < 200; ++x)
                at(x, y, z) = 1;
    for (std::size_t z : {21u, 50u})
        for (std::size_t y = 250; y < 330; ++y)
            for (std::size_t x = 280; x < 360; ++x)
                if (std::hypot(double(x) - 320, double(y) - 290) < 30) at(x, y, z) = 3;
    return v;
}

LabelTable sampleTable() {
    LabelTable t;
    t.set({1, "Nodule", {255, 80, 0}, true, false});
    t.set({3, "Pulmonary vessel", {0, 120, 255}, true, false});
    return t;
}

CliRun checkSeg(const std::string& seg, const std::string& labels) {
    return runCommand(std::string(CADVIEW_PYTHON) + " " + quoted(CADVIEW_SEG_CHECK) + " " + quoted(seg) +
                      " " + quoted(kChestCt) + " " + quoted(labels) + " " +
                      quoted("1=Nodule,3=Pulmonary vessel"));
}

TEST(ExportSegCli, SegReferencesTheSeriesAndHoldsTheLabelMapVoxelForVoxel) {
    TempDir dir;
    const ImageGeometry grid = chestGrid(dir);
    ASSERT_EQ(grid.size[2], 64u);
    const Volume labels = sampleLabels(grid);
    LabelMapFile::write(labels, sampleTable(), dir.file("labels.nii.gz"));

    const CliRun r = runCli("export-seg --labels " + quoted(dir.file("labels.nii.gz")) + " --reference " +
                            quoted(kChestCt) + " --output " + quoted(dir.file("seg.dcm")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("2 segments, 5 frames, referencing series "), std::string::npos) << r.out;
    std::cout << "export-seg: " << r.out;

    const CliRun check = checkSeg(dir.file("seg.dcm"), dir.file("labels.nii.gz"));
    EXPECT_EQ(check.exitCode, 0) << check.err << check.out;
    EXPECT_NE(check.out.find("check_seg: OK: 2 segments, 5 frames"), std::string::npos) << check.out;

    // The checker is not blind: one voxel more in the label map and it fails.
    Volume changed = sampleLabels(grid);
    changed.as<std::uint8_t>()[(40 * grid.size[1] + 100) * grid.size[0] + 100] = 1;
    LabelMapFile::write(changed, sampleTable(), dir.file("changed.nii.gz"));
    const CliRun bad = checkSeg(dir.file("seg.dcm"), dir.file("changed.nii.gz"));
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
    EXPECT_NE(bad.err.find("1 voxels differ"), std::string::npos) << bad.err;
}

TEST(ExportSegCli, LabelMapOffTheSeriesGridIsRefused) {
    TempDir dir;
    ImageGeometry grid = chestGrid(dir);
    grid.origin[2] += 2.5;  // half a slice
    LabelMapFile::write(sampleLabels(grid), sampleTable(), dir.file("shifted.nii.gz"));
    const CliRun r = runCli("export-seg --labels " + quoted(dir.file("shifted.nii.gz")) + " --reference " +
                            quoted(kChestCt) + " --output " + quoted(dir.file("seg.dcm")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is not on the grid of series"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("origin"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("seg.dcm")));

    ImageGeometry small = grid;
    small.size = {256, 256, 64};
    LabelMapFile::write(sampleLabels(small), sampleTable(), dir.file("small.nii.gz"));
    const CliRun s = runCli("export-seg --labels " + quoted(dir.file("small.nii.gz")) + " --reference " +
                            quoted(kChestCt) + " --output " + quoted(dir.file("seg.dcm")));
    EXPECT_EQ(s.exitCode, 1);
    EXPECT_NE(s.err.find("size 256x256x64 differs from the series' 512x512x64"), std::string::npos) << s.err;
}

TEST(ExportSegCli, BrokenOrUnusableReferencesFailWithAMessage) {
    TempDir dir;
    const ImageGeometry grid = chestGrid(dir);
    LabelMapFile::write(sampleLabels(grid), sampleTable(), dir.file("labels.nii.gz"));
    const std::string samples = std::string(CADVIEW_TEST_DATA) + "/dicom_samples/pydicom_debian/";
    // No image at all: only a truncated RT plan.
    fs::create_directories(dir.file("plan"));
    fs::copy_file(samples + "rtplan_truncated.dcm", dir.file("plan/rtplan_truncated.dcm"));
    // The chest CT with one slice cut short inside its header: that slice is unusable, so one is missing.
    fs::create_directories(dir.file("cut"));
    for (const auto& e : fs::directory_iterator(kChestCt))
        fs::copy_file(e.path(), dir.file("cut/") + e.path().filename().string());
    fs::resize_file(dir.file("cut/1-30.dcm"), 1000);
    // An MR image whose pixel data is truncated.
    fs::create_directories(dir.file("mr"));
    fs::copy_file(samples + "MR_truncated.dcm", dir.file("mr/MR_truncated.dcm"));

    struct Case {
        std::string reference, labels, message;
    };
    const Case cases[] = {
        {dir.file("plan"), dir.file("labels.nii.gz"), "no DICOM series found in " + dir.file("plan")},
        {dir.file("cut"), dir.file("labels.nii.gz"), "uneven or missing slices"},
        {dir.file("mr"), dir.file("labels.nii.gz"), "the pixel data cannot be decoded"},
        {dir.file("nowhere"), dir.file("labels.nii.gz"), dir.file("nowhere")},
        {std::string(CADVIEW_TEST_DATA) + "/ct_head_gantry_tilt/series", dir.file("labels.nii.gz"),
         "gantry tilt"},
        {kChestCt, dir.file("missing.nii.gz"), "missing.nii.gz: no such label map file"},
    };
    for (const Case& c : cases) {
        const CliRun r = runCli("export-seg --labels " + quoted(c.labels) + " --reference " +
                                quoted(c.reference) + " --output " + quoted(dir.file("seg.dcm")));
        EXPECT_EQ(r.exitCode, 1) << c.reference << "\n" << r.err;  // 1, not a crash
        EXPECT_NE(r.err.find("cadview-cli: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(dir.file("seg.dcm")));
    }
}

}  // namespace
}  // namespace cadview::test
