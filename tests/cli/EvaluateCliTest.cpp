// `cadview-cli evaluate` end to end: on datasets written here for generated models whose answers are known
// (so every figure is worked out by hand), on the bundled models against the figures their model cards
// publish, and on broken input.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, as in InferenceCliTest.cpp

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>

#include "CliRunner.h"
#include "TestFolder.h"
#include "io/PngWriter.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = CADVIEW_TEST_DATA;
const std::string kModelArgs = " --model-dir " + quoted(CADVIEW_TEST_MODELS) + " ";

// A 256 x 256 grey PNG whose pixel (x, y) is value(x, y).
void writePng(const std::string& path, const std::function<int(int, int)>& value) {
    ImageGeometry g;
    g.size = {256, 256, 1};
    Volume v(g, PixelType::UInt8);
    std::uint8_t* p = v.as<std::uint8_t>();
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
            *p++ = std::uint8_t(value(x, y));
    fs::create_directories(fs::path(path).parent_path());
    PngWriter::write(v, path);
}

// The number after `key` in text ("mean Dice 0.9615 (95% CI ...").
double figureAfter(const std::string& text, const std::string& key) {
    const auto at = text.find(key);
    if (at == std::string::npos) return NAN;
    return std::stod(text.substr(at + key.size()));
}

// test-seg2d-size labels exactly the pixels >= 128 of a 256 x 256 image (no resampling at that size).
// a.png: bright left half (x < 128); its mask has lung (255) at x < 96 and devices (127) at 96 <= x < 112.
// b.png: the same image; its mask is exactly the bright half.
class SegmentationDataset : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto bright = [](int x, int) { return x < 128 ? 200 : 50; };
        writePng(dir.file("data/images/a.png"), bright);
        writePng(dir.file("data/images/b.png"), bright);
        writePng(dir.file("data/masks/a_mask.png"), [](int x, int) {
            return x < 96 ? 255 : x < 112 ? 127 : 0;
        });
        writePng(dir.file("data/masks/b_mask.png"), [](int x, int) { return x < 128 ? 255 : 0; });
    }
    CliRun evaluate(const std::string& extra) {
        return runCli("evaluate --model test-seg2d-size" + kModelArgs + "--data " + quoted(dir.file("data")) +
                      " --csv " + quoted(dir.file("out.csv")) + " " + extra);
    }
    TempDir dir;
};

TEST_F(SegmentationDataset, DicePerCaseWithIgnoredDevicePixels) {
    const CliRun r = evaluate("--ignore 127");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = readCsv(dir.file("out.csv"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][0], "case");
    EXPECT_EQ(rows[0][2], "dice");
    // a: reference 96 columns, predicted 128 - 16 ignored = 112, shared 96: 2 * 96 / 208.
    EXPECT_EQ(rows[1][0], "images/a.png");
    EXPECT_NEAR(std::stod(rows[1][2]), 192.0 / 208, 1e-5);
    EXPECT_EQ(rows[1][4], std::to_string(96 * 256));
    EXPECT_EQ(rows[1][5], std::to_string(112 * 256));
    // b: identical masks.
    EXPECT_NEAR(std::stod(rows[2][2]), 1.0, 1e-9);
    EXPECT_NEAR(std::stod(rows[2][3]), 0.0, 1e-9);
    // Summary: the mean of 0.923077 and 1.
    EXPECT_NEAR(figureAfter(r.out, "mean Dice "), 0.9615, 1e-4) << r.out;
    EXPECT_NE(r.out.find("2 cases"), std::string::npos) << r.out;
}

TEST_F(SegmentationDataset, WithoutIgnoreDevicePixelsCountAsForeground) {
    // a: reference now 112 columns, all predicted: 2 * 112 / (112 + 128).
    const CliRun r = evaluate("");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NEAR(std::stod(readCsv(dir.file("out.csv"))[1][2]), 224.0 / 240, 1e-5);
}

TEST_F(SegmentationDataset, CaseListSelectsCases) {
    std::ofstream(dir.file("test.txt")) << "b.png\n";
    const CliRun r = evaluate("--cases " + quoted(dir.file("test.txt")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = readCsv(dir.file("out.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][0], "images/b.png");
    std::ofstream(dir.file("bad.txt")) << "c.png\n";
    const CliRun bad = evaluate("--cases " + quoted(dir.file("bad.txt")));
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("listed cases not found in the dataset: c.png"), std::string::npos) << bad.err;
}

TEST_F(SegmentationDataset, AMaskOfAnotherSizeFailsThatCaseOnly) {
    ImageGeometry g;
    g.size = {10, 10, 1};
    Volume small(g, PixelType::UInt8);
    std::fill(small.as<std::uint8_t>(), small.as<std::uint8_t>() + 100, std::uint8_t(0));
    PngWriter::write(small, dir.file("data/masks/a_mask.png"));
    const CliRun r = evaluate("");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("images/a.png: the mask's grid (10 x 10 x 1) differs from the image's"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("1 cases"), std::string::npos) << r.out;  // b still evaluated
}

// test-cls-gradcam on uniform images of grey v: p(first) = sigmoid(2 v / 256 - 1), rising with v.
// Folder "first" (positives): 250, 200, 20; folder "other": 10, 100, 150.
// AUC: 250 and 200 beat all three negatives, 20 beats 10: 7 / 9. At the default threshold 0.5 (v >= 128):
// sensitivity 2 / 3, specificity 2 / 3.
TEST(EvaluateClassification, AucSensitivitySpecificityByHand) {
    TempDir dir;
    int n = 0;
    for (const auto& [folder, v] : std::vector<std::pair<std::string, int>>{
             {"first", 250}, {"first", 200}, {"first", 20}, {"other", 10}, {"other", 100}, {"other", 150}})
        writePng(dir.file("data/" + folder + "/" + std::to_string(n++) + ".png"),
                 [v = v](int, int) { return v; });
    const CliRun r = runCli("evaluate --model test-cls-gradcam" + kModelArgs + "--data " +
                            quoted(dir.file("data")) + " --csv " + quoted(dir.file("out.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NEAR(figureAfter(r.out, "ROC AUC "), 7.0 / 9, 1e-4) << r.out;
    EXPECT_NEAR(figureAfter(r.out, "sensitivity "), 2.0 / 3, 1e-3) << r.out;
    EXPECT_NEAR(figureAfter(r.out, "specificity "), 2.0 / 3, 1e-3) << r.out;
    EXPECT_NE(r.out.find("3 positive, 3 negative images"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("second:"), std::string::npos) << "no folder is named after the label 'second'";
    const auto rows = readCsv(dir.file("out.csv"));
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"case", "class", "first", "second"}));
    EXPECT_EQ(rows[1][0], "first/0.png");
    EXPECT_NEAR(std::stod(rows[1][2]), 1 / (1 + std::exp(-(2 * 250 / 256.0 - 1))), 1e-5);
}

TEST(EvaluateErrors, ClearMessages) {
    TempDir dir;
    CliRun r = runCli("evaluate --model test-seg2d-size" + kModelArgs + "--data " + quoted(dir.file("none")) +
                      " --csv " + quoted(dir.file("out.csv")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("none: no such folder"), std::string::npos) << r.err;
    writePng(dir.file("data/cats/1.png"), [](int, int) { return 0; });
    r = runCli("evaluate --model test-cls-gradcam" + kModelArgs + "--data " + quoted(dir.file("data")) +
               " --csv " + quoted(dir.file("out.csv")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("no class folder is named like a label of test-cls-gradcam (first, second)"),
              std::string::npos)
        << r.err;
    r = runCli("evaluate --model no-such-model" + kModelArgs + "--data " + quoted(dir.file("data")) +
               " --csv " + quoted(dir.file("out.csv")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("no-such-model"), std::string::npos) << r.err;
}

// The bundled models reproduce the figures their model cards publish (resources/models/<name>/evaluation.txt,
// the summary line of the command in the card), on the test cases of their splits.
struct BundledCase {
    std::string model, args;
};

void PrintTo(const BundledCase& c, std::ostream* os) {
    *os << c.model;
}

class BundledEvaluation : public ::testing::TestWithParam<BundledCase> {};

TEST_P(BundledEvaluation, ReproducesTheModelCard) {
    const BundledCase& c = GetParam();
    const fs::path folder = fs::path(CADVIEW_RESOURCES) / "models" / c.model;
    std::ifstream in(folder / "evaluation.txt");
    ASSERT_TRUE(in.good()) << folder / "evaluation.txt";
    std::string published;
    std::getline(in, published);
    TempDir dir;
    std::string args = c.args;
    args = std::regex_replace(args, std::regex("DATA"), kData);
    args = std::regex_replace(args, std::regex("MODEL"), folder.string());
    const CliRun r =
        runCli("evaluate --model " + c.model + " " + args + " --csv " + quoted(dir.file("out.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string key = c.model.find("seg") != std::string::npos ? "mean Dice " : "ROC AUC ";
    EXPECT_NEAR(figureAfter(r.out, key), figureAfter(published, key), 0.002)
        << r.out << "\npublished: " << published;
}

INSTANTIATE_TEST_SUITE_P(
    Models, BundledEvaluation,
    ::testing::Values(BundledCase{"cxr-pneumonia", "--data DATA/cxr_pneumoniamnist/val"},
                      BundledCase{
                          "cxr-lung-seg",
                          "--data DATA/cxr_lung_seg --cases MODEL/split.json --subset test --ignore 127"},
                      BundledCase{"lgg-flair-seg",
                                  "--data DATA/mr_brain_lgg_flair --cases MODEL/split.json --subset test"}),
    [](const auto& param) {
        std::string n = param.param.model;
        std::replace(n.begin(), n.end(), '-', '_');
        return n;
    });

}  // namespace
}  // namespace cadview::test
