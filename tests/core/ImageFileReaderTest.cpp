// ImageFileReader on real NRRD, NIfTI, PNG and JPEG files: geometry in LPS, pixel type, voxels and
// voxel sums. Expected numbers: tests/tools/make_reference_values.py (headers parsed by hand with
// numpy/gzip/struct; PNG and JPEG decoded with Pillow).

#include <gtest/gtest.h>

#include "TestData.h"
#include "io/ImageFileReader.h"
#include "io/LoadError.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

constexpr std::array<double, 9> kIdentity{1, 0, 0, 0, 1, 0, 0, 0, 1};

Volume readFile(const std::string& relative) {
    JobContext job;
    return ImageFileReader::read(dataPath(relative), job);
}

// --- NRRD: space left-posterior-superior, the second axis points to -P -------------------------------

const ExpectedGeometry kBrain1Geometry{{256, 256, 25},
                                       {0.7812499999999999, 0.7812499999999999, 6.499999999999998},
                                       {-99.60937499999999, 99.60937499999999, -77.99999999999996},
                                       {1, 0, 0, 0, -1, 0, 0, 0, 1}};

TEST(ImageFileReader, NrrdShortImage) {
    const Volume v = readFile("mr_brain_tumor_nrrd/brain1_image.nrrd");
    expectGeometry(v.geometry(), kBrain1Geometry);
    EXPECT_EQ(v.pixelType(), PixelType::Int16);
    EXPECT_EQ(v.components(), 1);
    EXPECT_EQ(v.info().format, "NRRD");
    EXPECT_FALSE(v.info().is2D);
    expectVoxels(v, {{0, 0, 0, 0},
                     {255, 255, 24, 0},
                     {102, 109, 5, 392},
                     {36, 153, 8, 876},
                     {128, 128, 12, 526},
                     {96, 170, 12, 509},
                     {213, 64, 16, 1166},
                     {85, 224, 23, 13},
                     {131, 7, 14, 3057}});  // maximum
    EXPECT_EQ(voxelSum(v), 631859459.0);
}

TEST(ImageFileReader, NrrdIntLabelMap) {
    const Volume v = readFile("mr_brain_tumor_nrrd/brain1_label.nrrd");
    expectGeometry(v.geometry(), kBrain1Geometry);
    EXPECT_EQ(v.pixelType(), PixelType::Int32);
    expectVoxels(v, {{179, 125, 11, 1}, {128, 128, 12, 0}, {0, 0, 0, 0}});
    EXPECT_EQ(voxelSum(v), 4137.0);
}

TEST(ImageFileReader, NrrdSecondVolumeAndDescribe) {
    const std::string path = dataPath("mr_brain_tumor_nrrd/brain2_image.nrrd");
    const ExpectedGeometry g{{256, 256, 23},
                             {0.7812499999999999, 0.7812499999999999, 6.499999999999998},
                             {-109.99999999999999, 103.41874694824213, -62.70000076293943},
                             {1, 0, 0, 0, -1, 0, 0, 0, 1}};
    const VolumeDescription d = ImageFileReader::describe(path);
    expectGeometry(d.geometry, g);
    EXPECT_EQ(d.pixelType, PixelType::Int16);
    const Volume v = readFile("mr_brain_tumor_nrrd/brain2_image.nrrd");
    expectGeometry(v.geometry(), g);
    expectVoxels(
        v,
        {{36, 153, 7, 12}, {128, 128, 11, 382}, {213, 64, 15, 462}, {85, 224, 21, 14}, {130, 27, 16, 1523}});
    EXPECT_EQ(voxelSum(v), 356034155.0);
}

// --- NIfTI: sform diag(-1, -1, 1) in RAS = identity in LPS --------------------------------------------

struct FlairCase {
    const char* name;
    std::size_t slices;
    std::vector<Voxel> flair;
    double flairSum;
    std::vector<Voxel> mask;
    double maskSum;  // = tumour_voxels in mr_brain_lgg_flair/cases.csv
};

class LggFlair : public ::testing::TestWithParam<FlairCase> {};

TEST_P(LggFlair, FlairAndMask) {
    const FlairCase& c = GetParam();
    const ExpectedGeometry g{{256, 256, c.slices}, {1, 1, 1}, {0, 0, 0}, kIdentity};
    const std::string folder = std::string("mr_brain_lgg_flair/") + c.name;
    const Volume flair = readFile(folder + "/flair.nii.gz");
    expectGeometry(flair.geometry(), g);
    EXPECT_EQ(flair.pixelType(), PixelType::UInt8);
    EXPECT_EQ(flair.info().format, "NIfTI");
    expectVoxels(flair, c.flair);
    EXPECT_EQ(voxelSum(flair), c.flairSum);

    const Volume mask = readFile(folder + "/mask.nii.gz");
    expectGeometry(mask.geometry(), g);
    EXPECT_EQ(mask.pixelType(), PixelType::UInt8);
    expectVoxels(mask, c.mask);
    EXPECT_EQ(voxelSum(mask), c.maskSum);
}

INSTANTIATE_TEST_SUITE_P(
    RealCases, LggFlair,
    ::testing::Values(FlairCase{"TCGA_CS_4941_19960909",
                                23,
                                {{0, 0, 0, 0},
                                 {0, 255, 0, 3},
                                 {255, 255, 0, 2},
                                 {102, 109, 4, 32},
                                 {96, 170, 11, 66},
                                 {36, 153, 7, 17},
                                 {128, 128, 11, 84},
                                 {213, 64, 15, 4},
                                 {85, 224, 21, 2},
                                 {255, 0, 22, 5},
                                 {121, 242, 6, 255}},
                                53956525,
                                {{122, 66, 10, 1}, {128, 128, 11, 0}, {0, 0, 0, 0}},
                                14379},
                      FlairCase{"TCGA_DU_5851_19950428",
                                40,
                                {{0, 0, 0, 0},
                                 {102, 109, 8, 16},
                                 {96, 170, 20, 56},
                                 {36, 153, 13, 7},
                                 {128, 128, 20, 75},
                                 {213, 64, 26, 4},
                                 {85, 224, 38, 7},
                                 {77, 213, 12, 255}},
                                56106968,
                                {{100, 107, 11, 1}, {128, 128, 20, 0}, {255, 255, 39, 0}},
                                16446}),
    [](const ::testing::TestParamInfo<FlairCase>& p) { return std::string(p.param.name); });

// --- PNG and JPEG radiographs --------------------------------------------------------------------------

TEST(ImageFileReader, RgbPngBecomesGreyWithAWarning) {
    const Volume v = readFile("cxr_lung_seg/images/ARDSSevere.png");
    expectGeometry(v.geometry(), {{790, 631, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    EXPECT_EQ(v.pixelType(), PixelType::UInt8);
    EXPECT_EQ(v.components(), 1);
    EXPECT_EQ(v.info().format, "PNG");
    EXPECT_EQ(v.info().modality, "XR");
    EXPECT_TRUE(v.info().is2D);
    EXPECT_TRUE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::ColorConverted));
    // grey = 0.299 R + 0.587 G + 0.114 B (float32), rounded
    expectVoxels(v, {{0, 0, 0, 224},
                     {789, 0, 0, 224},
                     {658, 157, 0, 107},
                     {395, 315, 0, 152},
                     {112, 378, 0, 131},
                     {263, 552, 0, 181},
                     {0, 630, 0, 22},
                     {789, 630, 0, 78},
                     {751, 57, 0, 255},
                     {0, 1, 0, 0}});
    EXPECT_EQ(voxelSum(v), 65378357.0);
}

TEST(ImageFileReader, SecondRgbPng) {
    const Volume v = readFile("cxr_lung_seg/images/40779_2020_233_Fig2_HTML-a.png");
    expectGeometry(v.geometry(), {{479, 481, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    expectVoxels(v, {{0, 0, 0, 66},
                     {478, 0, 0, 73},
                     {399, 120, 0, 179},
                     {239, 240, 0, 212},
                     {68, 288, 0, 132},
                     {159, 420, 0, 215},
                     {0, 480, 0, 6},
                     {478, 480, 0, 91},
                     {11, 9, 0, 255}});
    EXPECT_EQ(voxelSum(v), 31266021.0);
}

TEST(ImageFileReader, GreyJpeg) {
    const Volume v = readFile("cxr_lung_seg/images/00870a9c.jpg");
    expectGeometry(v.geometry(), {{1024, 1024, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    EXPECT_EQ(v.pixelType(), PixelType::UInt8);
    EXPECT_EQ(v.info().format, "JPEG");
    EXPECT_TRUE(v.diagnostics().empty());
    expectVoxels(v, {{0, 0, 0, 85},
                     {1023, 0, 0, 133},
                     {853, 256, 0, 103},
                     {512, 512, 0, 161},
                     {146, 614, 0, 161},
                     {341, 896, 0, 164},
                     {0, 1023, 0, 205},
                     {1023, 1023, 0, 223},
                     {905, 1016, 0, 238},  // maximum
                     {799, 269, 0, 61}});  // minimum
    EXPECT_EQ(voxelSum(v), 155136132.0);
}

TEST(ImageFileReader, RgbJpegWithEqualChannelsHasNoColourWarning) {
    const Volume v = readFile("cxr_lung_seg/images/12941_2020_358_Fig1_HTML.jpg");
    expectGeometry(v.geometry(), {{898, 898, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    EXPECT_EQ(v.components(), 1);
    EXPECT_FALSE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::ColorConverted));
    expectVoxels(v, {{0, 0, 0, 25},
                     {897, 0, 0, 0},
                     {748, 224, 0, 155},
                     {449, 449, 0, 193},
                     {128, 538, 0, 200},
                     {299, 785, 0, 221},
                     {0, 897, 0, 43},
                     {897, 897, 0, 61},
                     {45, 82, 0, 255}});
    EXPECT_EQ(voxelSum(v), 128918111.0);
}

TEST(ImageFileReader, LungMasks) {
    const Volume a = readFile("cxr_lung_seg/masks/00870a9c_lung.png");
    expectGeometry(a.geometry(), {{1024, 1024, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    EXPECT_EQ(a.pixelType(), PixelType::UInt8);
    expectVoxels(a,
                 {{0, 0, 0, 0}, {853, 256, 0, 255}, {512, 512, 0, 255}, {146, 614, 0, 0}, {776, 22, 0, 255}});
    EXPECT_EQ(voxelSum(a), 96659280.0);
    const Volume b = readFile("cxr_lung_seg/masks/12941_2020_358_Fig1_HTML_lung.png");
    expectGeometry(b.geometry(), {{898, 898, 1}, {1, 1, 1}, {0, 0, 0}, kIdentity});
    expectVoxels(b, {{449, 449, 0, 0}, {334, 102, 0, 255}});
    EXPECT_EQ(voxelSum(b), 43981635.0);
}

// --- Errors and indexing ------------------------------------------------------------------------------

TEST(ImageFileReader, MissingAndNonImageFilesThrowLoadErrorNamingTheFile) {
    JobContext job;
    const std::string missing = dataPath("mr_brain_tumor_nrrd/no_such_file.nrrd");
    try {
        ImageFileReader::read(missing, job);
        FAIL() << "expected LoadError";
    } catch (const LoadError& e) {
        EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::UnreadableFile);
        EXPECT_NE(std::string(e.what()).find("no_such_file.nrrd"), std::string::npos);
    }
    const std::string text = dataPath("mr_brain_tumor_nrrd/LICENSE_pyradiomics.txt");
    try {
        ImageFileReader::describe(text);
        FAIL() << "expected LoadError";
    } catch (const LoadError& e) {
        EXPECT_NE(std::string(e.what()).find("LICENSE_pyradiomics.txt"), std::string::npos);
    }
}

TEST(ImageFileReader, IndexerListsImageFilesAndSkipsTheLicence) {
    const StudyIndex index = indexPath(dataPath("mr_brain_tumor_nrrd"));
    EXPECT_TRUE(index.problems.empty());
    ASSERT_EQ(index.series.size(), 4u);
    for (const SeriesEntry& s : index.series) {
        EXPECT_EQ(s.kind, SeriesEntry::Kind::ImageFile);
        EXPECT_EQ(s.imageCount(), 1u);
    }
    EXPECT_EQ(index.series.front().seriesDescription, "brain1_image.nrrd");
    // VolumeLoader dispatches an image-file entry to ImageFileReader.
    JobContext job;
    const Volume v = VolumeLoader::load(index.series.front(), {}, job);
    expectGeometry(v.geometry(), kBrain1Geometry);
    EXPECT_EQ(v.valueAt(131, 7, 14), 3057.0);
    EXPECT_TRUE(StudyIndexer::isImageFileName("a/b/FLAIR.NII.GZ"));
    EXPECT_TRUE(StudyIndexer::isImageFileName("x.jpeg"));
    EXPECT_FALSE(StudyIndexer::isImageFileName("x.dcm"));
    EXPECT_TRUE(StudyIndexer::isIgnoredFileName("cases.csv"));
    EXPECT_TRUE(StudyIndexer::isIgnoredFileName("/data/LICENSE_TCIA.txt"));
    EXPECT_FALSE(StudyIndexer::isIgnoredFileName("IM000001"));
}

}  // namespace
}  // namespace cadview::test
