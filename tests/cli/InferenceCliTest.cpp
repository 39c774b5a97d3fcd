// End-to-end runs of `cadview-cli segment` and `cadview-cli classify` with the generated test models
// (tests/models/make_test_models.py, fixture `test_models`) on the real data in ../shared/data:
//   - any user's PyTorch model works: the same TorchScript models run the ordinary Python way
//     (tests/models/python_reference.py: PIL, numpy, torch.nn.functional.interpolate) give the same
//     probabilities to 1e-5 and the same label maps, pixel for pixel;
//   - label maps are written in the input's geometry with the manifest's label values (.png, .nii.gz,
//     .nrrd), and are exactly what the core computes in process;
//   - heatmap PNGs show the image in grey with the heat coloured on top where the model looked;
//   - errors are one clear line on stderr with a non-zero exit code; progress only with --progress.
// GCC 12 reports a false -Wrestrict inside std::string for `"literal" + std::string(...)` at -O3 (GCC bug
// 105329); this file builds many command lines that way.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <gtest/gtest.h>
#include <png.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "CliRunner.h"
#include "TestFolder.h"
#include "image/ImageGeometry.h"
#include "inference/ModelManifest.h"
#include "inference/ModelRunner.h"
#include "inference/TorchPlugin.h"
#include "io/ImageFileReader.h"
#include "io/PngWriter.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = CADVIEW_TEST_DATA;
const std::string kModels = CADVIEW_TEST_MODELS;
const std::string kImages = kData + "/cxr_lung_seg/images/";
const std::string kModelArgs = " --model-dir " + quoted(kModels) + " ";

// Grey JPEGs and colour PNG/JPEG radiographs of several sizes.
const std::vector<std::string> kRadiographs{"00870a9c.jpg",   "00cfd1c1.jpg",
                                            "02b76460.jpg",   "40779_2020_233_Fig2_HTML-a.png",
                                            "ARDSSevere.png", "41182_2020_203_Fig3_HTML.jpg"};

CliRun runPython(const std::string& args) {
    return runCommand(std::string(CADVIEW_TORCH_PYTHON) + " " + quoted(CADVIEW_PYTHON_REFERENCE) + " " +
                      args);
}

Volume readImage(const std::string& path) {
    JobContext job;
    return ImageFileReader::read(path, job);
}

void expectSameVoxels(const Volume& a, const Volume& b) {
    ASSERT_EQ(a.geometry().size, b.geometry().size);
    ASSERT_EQ(a.pixelType(), b.pixelType());
    ASSERT_EQ(a.components(), b.components());
    std::size_t differ = 0;
    const auto* pa = a.as<std::uint8_t>();
    const auto* pb = b.as<std::uint8_t>();
    for (std::size_t i = 0; i < a.bytes(); ++i)
        differ += pa[i] != pb[i];
    EXPECT_EQ(differ, 0u);
}

void expectSameGeometry(const ImageGeometry& a, const ImageGeometry& b, double tol = 1e-4) {
    EXPECT_EQ(a.size, b.size);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(a.spacing[i], b.spacing[i], tol);
        EXPECT_NEAR(a.origin[i], b.origin[i], tol);
    }
    for (int i = 0; i < 9; ++i)
        EXPECT_NEAR(a.direction[i], b.direction[i], tol);
}

// --- any user's PyTorch model works ------------------------------------------------------------------

TEST(CliClassify, ProbabilitiesMatchPythonReference) {
    TempDir dir;
    std::string inputs, paths;
    for (const auto& name : kRadiographs) {
        inputs += " --input " + quoted(kImages + name);
        paths += " " + quoted(kImages + name);
    }
    const CliRun ours = runCli("classify --model test-cls-resnet" + kModelArgs + "--csv " +
                               quoted(dir.file("ours.csv")) + inputs);
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    const CliRun python =
        runPython("classify --model-dir " + quoted(kModels) + " --model test-cls-resnet --csv " +
                  quoted(dir.file("python.csv")) + paths);
    ASSERT_EQ(python.exitCode, 0) << python.err;

    const auto a = readCsv(dir.file("ours.csv")), b = readCsv(dir.file("python.csv"));
    ASSERT_EQ(a.size(), kRadiographs.size() + 1);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(a[0], (std::vector<std::string>{"path", "opacity", "effusion"}));
    EXPECT_EQ(a[0], b[0]);
    double worst = 0;
    for (std::size_t r = 1; r < a.size(); ++r) {
        ASSERT_EQ(a[r].size(), 3u);
        ASSERT_EQ(b[r].size(), 3u);
        EXPECT_EQ(a[r][0], b[r][0]);
        for (std::size_t c = 1; c < 3; ++c) {
            const double diff = std::abs(std::stod(a[r][c]) - std::stod(b[r][c]));
            EXPECT_LT(diff, 1e-5) << a[r][0] << " column " << c;
            worst = std::max(worst, diff);
        }
    }
    std::cout << "  largest probability difference from Python: " << worst << "\n";
}

TEST(CliSegment, RadiographLabelMapsMatchPythonReference) {
    TempDir dir;
    for (const std::string name : {"00870a9c.jpg", "ARDSSevere.png", "40779_2020_233_Fig2_HTML-a.png"}) {
        SCOPED_TRACE(name);
        const CliRun ours = runCli("segment --model test-seg2d-size" + kModelArgs + "--input " +
                                   quoted(kImages + name) + " --output " + quoted(dir.file("ours.png")));
        ASSERT_EQ(ours.exitCode, 0) << ours.err;
        const CliRun python =
            runPython("segment --model-dir " + quoted(kModels) + " --model test-seg2d-size --input " +
                      quoted(kImages + name) + " --output " + quoted(dir.file("python.png")));
        ASSERT_EQ(python.exitCode, 0) << python.err;
        EXPECT_EQ(ours.out, python.out);  // "1	bright	N voxels"
        const Volume a = readImage(dir.file("ours.png")), b = readImage(dir.file("python.png"));
        expectSameVoxels(a, b);
        EXPECT_EQ(a.geometry().size, readImage(kImages + name).geometry().size);
    }
}

// --- segment -----------------------------------------------------------------------------------------

TEST(CliSegment, NiftiVolumeLabelsAreTheThresholdedImageInItsGeometry) {
    // A real 1 mm FLAIR volume (oriented, non-identity direction) and the 1 mm 3D test model: the label
    // map is the thresholded image exactly (value 5 where v >= 101), written in the input's geometry.
    TempDir dir;
    const std::string input = kData + "/mr_brain_lgg_flair/TCGA_CS_4941_19960909/flair.nii.gz";
    for (const std::string out : {"labels.nii.gz", "labels.nrrd"}) {
        const CliRun r = runCli("segment --model test-seg3d" + kModelArgs + "--input " + quoted(input) +
                                " --output " + quoted(dir.file(out)));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const Volume image = readImage(input), labels = readImage(dir.file(out));
        expectSameGeometry(labels.geometry(), image.geometry());
        ASSERT_EQ(labels.pixelType(), PixelType::UInt8);
        std::size_t wrong = 0, bright = 0;
        for (std::size_t i = 0; i < image.voxelCount(); ++i) {
            const std::uint8_t expected = image.as<std::uint8_t>()[i] >= 101 ? 5 : 0;
            wrong += labels.as<std::uint8_t>()[i] != expected;
            bright += expected == 5;
        }
        EXPECT_EQ(wrong, 0u);
        EXPECT_GT(bright, 1000u);
        EXPECT_NE(r.out.find("5\tbright\t" + std::to_string(bright) + " voxels"), std::string::npos) << r.out;
    }
}

TEST(CliSegment, DicomSeriesLabelsAreWhatTheCoreComputes) {
    // The real chest CT (0.84 x 0.84 x 5 mm) through the 2D model at 1 mm: resampled in-plane and back.
    // The file holds exactly what ModelRunner gives in process, in the series' geometry.
    TempDir dir;
    const std::string input = kData + "/ct_chest_lung_petct/A0001_lung_kernel";
    const CliRun r = runCli("segment --model test-seg2d" + kModelArgs + "--input " + quoted(input) +
                            " --output " + quoted(dir.file("labels.nii.gz")) + " --threads 1");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Volume written = readImage(dir.file("labels.nii.gz"));

    JobContext job;
    const Volume image = VolumeLoader::loadPath(input, "", {}, job);
    ModelRunner runner(ModelManifest::load(kModels + "/test-seg2d/manifest.json"), TorchPlugin::backend(),
                       job);
    const InferenceResult expected = runner.run(image, job);
    expectSameGeometry(written.geometry(), image.geometry());
    expectSameVoxels(written, *expected.labels);
}

TEST(CliSegment, PngOutputNeedsA2DImage) {
    TempDir dir;
    const CliRun r = runCli("segment --model test-seg3d" + kModelArgs + "--input " +
                            quoted(kData + "/mr_brain_lgg_flair/TCGA_CS_4941_19960909/flair.nii.gz") +
                            " --output " + quoted(dir.file("labels.png")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("labels.png: PNG holds 2D images;"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("labels.png")));
}

TEST(CliSegment, UnknownOutputFormat) {
    const CliRun r = runCli("segment --model test-seg2d" + kModelArgs + "--input " +
                            quoted(kImages + "00870a9c.jpg") + " --output /tmp/labels.bmp");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("/tmp/labels.bmp: unknown output format"), std::string::npos) << r.err;
}

// --- classify ----------------------------------------------------------------------------------------

// A 128 x 96 radiograph whose top-left quadrant (what the quadrant test models look at) is 200, the rest
// brighter: 250.
std::string writeQuadrantImage(const TempDir& dir, const std::string& name) {
    ImageGeometry g;
    g.size = {128, 96, 1};
    Volume v(g, PixelType::UInt8);
    for (std::size_t y = 0; y < 96; ++y)
        for (std::size_t x = 0; x < 128; ++x)
            v.as<std::uint8_t>()[y * 128 + x] = x < 64 && y < 48 ? 200 : 250;
    const std::string path = dir.file(name);
    PngWriter::write(v, path);
    return path;
}

// An RGB PNG decoded with libpng itself (cadview's reader turns colour radiographs grey).
std::vector<std::uint8_t> readRgbPng(const std::string& path, std::size_t& width, std::size_t& height) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) return {};
    image.format = PNG_FORMAT_RGB;
    std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) return {};
    width = image.width;
    height = image.height;
    return pixels;
}

// Coloured pixels (heat) only over the quadrant the model sees; grey (R = G = B) far from it.
void expectHeatOverQuadrant(const std::string& png) {
    std::size_t width = 0, height = 0;
    const std::vector<std::uint8_t> rgb = readRgbPng(png, width, height);
    ASSERT_EQ(width, 128u) << png;
    ASSERT_EQ(height, 96u) << png;
    const std::uint8_t* p = rgb.data();
    for (std::size_t y = 0; y < 96; ++y)
        for (std::size_t x = 0; x < 128; ++x) {
            const std::uint8_t* c = p + 3 * (y * 128 + x);
            if (x <= 55 && y <= 41) {
                EXPECT_GT(int(c[0]), int(c[2]) + 50) << png << " at " << x << ", " << y;  // red: full heat
            } else if (x >= 72 || y >= 54) {
                EXPECT_TRUE(c[0] == c[1] && c[1] == c[2]) << png << " at " << x << ", " << y;
            }
        }
}

TEST(CliClassify, GradCamHeatmapsAreDrawnOverTheImage) {
    TempDir dir;
    const std::string image = writeQuadrantImage(dir, "quadrant.png");
    const CliRun r =
        runCli("classify --model test-cls-gradcam" + kModelArgs + "--input " + quoted(image) + " --csv " +
               quoted(dir.file("out.csv")) + " --heatmaps " + quoted(dir.file("heat")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;  // no progress without --progress
    expectHeatOverQuadrant(dir.file("heat/quadrant_first.png"));
    expectHeatOverQuadrant(dir.file("heat/quadrant_second.png"));
    // Probabilities by hand: s = (200 / 256) / 4, p = sigmoid(8 s - 1), sigmoid(4 s - 0.5).
    const auto rows = readCsv(dir.file("out.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"path", "first", "second"}));
    const double s = 200.0 / 256 / 4;
    EXPECT_NEAR(std::stod(rows[1][1]), 1 / (1 + std::exp(-(8 * s - 1))), 1e-7);
    EXPECT_NEAR(std::stod(rows[1][2]), 1 / (1 + std::exp(-(4 * s - 0.5))), 1e-7);
}

TEST(CliClassify, OcclusionHeatmapsAreDrawnOverTheImage) {
    TempDir dir;
    const std::string image = writeQuadrantImage(dir, "quadrant.png");
    const CliRun r =
        runCli("classify --model test-cls-occlusion" + kModelArgs + "--input " + quoted(image) + " --csv " +
               quoted(dir.file("out.csv")) + " --heatmaps " + quoted(dir.file("heat")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    expectHeatOverQuadrant(dir.file("heat/quadrant_first.png"));
    expectHeatOverQuadrant(dir.file("heat/quadrant_second.png"));
}

TEST(CliClassify, FolderGivesOneRowPerImageInOrderAndThreadsDoNotChangeResults) {
    TempDir dir;
    const std::string folder = dir.file("images");
    fs::create_directories(folder);
    for (const auto& name : kRadiographs)
        fs::copy_file(kImages + name, folder + "/" + name);
    const CliRun two = runCli("classify --model test-cls-resnet" + kModelArgs + "--input " + quoted(folder) +
                              " --csv " + quoted(dir.file("two.csv")) + " --threads 2 --progress");
    ASSERT_EQ(two.exitCode, 0) << two.err;
    EXPECT_NE(two.err.find("classify: 6/6 images"), std::string::npos) << two.err;
    const CliRun one = runCli("classify --model test-cls-resnet" + kModelArgs + "--input " + quoted(folder) +
                              " --csv " + quoted(dir.file("one.csv")) + " --threads 1");
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const auto a = readCsv(dir.file("two.csv")), b = readCsv(dir.file("one.csv"));
    ASSERT_EQ(a.size(), kRadiographs.size() + 1);
    for (std::size_t r = 1; r < a.size(); ++r) {
        EXPECT_EQ(fs::path(a[r][0]).parent_path(), fs::path(folder));
        EXPECT_EQ(a[r][0], b[r][0]);
        for (std::size_t c = 1; c < a[r].size(); ++c)
            EXPECT_NEAR(std::stod(a[r][c]), std::stod(b[r][c]), 1e-6);
    }
}

TEST(CliClassify, UnreadableImageIsReportedAndTheOthersAreClassified) {
    TempDir dir;
    const std::string bad = dir.file("broken.png");
    std::ofstream(bad) << "not a png";
    const CliRun r = runCli("classify --model test-cls-resnet" + kModelArgs + "--input " +
                            quoted(kImages + "00870a9c.jpg") + " --input " + quoted(bad) + " --input " +
                            quoted(kImages + "00cfd1c1.jpg") + " --csv " + quoted(dir.file("out.csv")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("broken.png"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("1 of 3 images could not be classified"), std::string::npos) << r.err;
    EXPECT_EQ(readCsv(dir.file("out.csv")).size(), 3u);
}

// --- errors ------------------------------------------------------------------------------------------

TEST(CliModelErrors, OneClearLineAndNonZeroExit) {
    TempDir dir;
    const std::string image = quoted(kImages + "00870a9c.jpg");
    const std::string csv = " --csv " + quoted(dir.file("out.csv"));
    struct Case {
        std::string args, message;
    };
    const std::vector<Case> cases{
        {"classify --model nope" + kModelArgs + "--input " + image + csv,
         "no model named \"nope\" (models: "},
        {"classify --model broken-input-size" + kModelArgs + "--input " + image + csv,
         "model.pt does not accept an input of shape (1, 1, 64, 64), the manifest's input: the model failed: "
         "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x4096 and 1024x2)"},
        {"segment --model broken-channels" + kModelArgs + "--input " + image + " --output " +
             quoted(dir.file("x.png")),
         "model.pt: output 0 is (1, 3, 64, 64), the manifest expects (1, 2, 64, 64) (background and 1 "
         "label(s))"},
        {"segment --model broken-garbage" + kModelArgs + "--input " + image + " --output " +
             quoted(dir.file("x.png")),
         "broken-garbage/model.pt: not a TorchScript model LibTorch can load"},
        {"segment --model broken-truncated" + kModelArgs + "--input " + image + " --output " +
             quoted(dir.file("x.png")),
         "broken-truncated/model.pt: not a TorchScript model LibTorch can load"},
        {"classify --model test-seg2d" + kModelArgs + "--input " + image + csv,
         "the model test-seg2d is a segmentation model; use cadview-cli segment"},
        {"segment --model test-seg3d" + kModelArgs + "--input " + image + " --output " +
             quoted(dir.file("x.png")),
         "the model test-seg3d is for CT, MR images, not XR"},
        {"segment --model test-seg2d" + kModelArgs + "--input /nonexistent.png --output " +
             quoted(dir.file("x.png")),
         "/nonexistent.png: no such file or folder"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.args);
        const CliRun r = runCli(c.args);
        EXPECT_EQ(r.exitCode, 1);
        EXPECT_NE(r.err.find("cadview-cli: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("Traceback"), std::string::npos) << r.err;
    }
}

TEST(CliModelErrors, MissingPluginIsAClearError) {
    const CliRun r = runCommand("CADVIEW_PLUGIN_DIR=/nonexistent " + std::string(CADVIEW_CLI) +
                                " segment --model test-seg2d" + kModelArgs + "--input " +
                                quoted(kImages + "00870a9c.jpg") + " --output /tmp/never-written.png");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("cadview-cli: the LibTorch engine cannot be loaded from "
                         "/nonexistent/libcadview_torch.so ("),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace cadview::test
