// Models that misbehave at run time, after passing the dry run on zeros (tests/models/make_test_models.py):
// one answers NaN on real data, one never returns, one's manifest asks for a 60000 x 60000 input. And an
// output that is the input. cadview-cli names the model and the reason and exits non-zero; --timeout and
// SIGINT stop a hung model (exit 124 and 130) within the grace period, leaving no output file.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, as in the other CLI tests

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "CliRunner.h"
#include "TestFolder.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::string kModelArgs = " --model-dir " + quoted(CADVIEW_TEST_MODELS) + " ";
const std::string kImage = std::string(CADVIEW_TEST_DATA) + "/cxr_lung_seg/images/00870a9c.jpg";

TEST(CliHostileModels, NanOutputIsAnErrorNamingTheModel) {
    TempDir dir;
    const CliRun r = runCli("segment --model broken-nan" + kModelArgs + "--input " + quoted(kImage) +
                            " --output " + quoted(dir.file("out.png")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("the model broken-nan returned NaN values"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("out.png")));
}

TEST(CliHostileModels, AHugeManifestInputIsRefusedBeforeItIsAllocated) {
    TempDir dir;
    const CliRun r = runCli("segment --model broken-huge-input" + kModelArgs + "--input " + quoted(kImage) +
                            " --output " + quoted(dir.file("out.png")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("the manifest's input of (1, 1, 60000, 60000) needs about"), std::string::npos)
        << r.err;
}

TEST(CliHostileModels, TimeoutStopsAModelThatNeverReturns) {
    TempDir dir;
    const auto start = Clock::now();
    const CliRun r = runCli("segment --model broken-loop" + kModelArgs + "--input " + quoted(kImage) +
                            " --output " + quoted(dir.file("out.png")) + " --timeout 3");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_EQ(r.exitCode, 124) << r.err;
    EXPECT_NE(r.err.find("--timeout reached; cancelling"), std::string::npos) << r.err;
    // 3 s is past loading (about 1 s): the model is inside its endless call, which no cancel reaches, so the
    // process leaves after the grace period.
    EXPECT_NE(r.err.find("did not stop within 5 s of cancelling; exiting"), std::string::npos) << r.err;
    EXPECT_GE(seconds, 3.0);
    EXPECT_LT(seconds, 20.0);
    EXPECT_FALSE(fs::exists(dir.file("out.png")));
}

TEST(CliHostileModels, SigintCancelsLikeTheViewersCancel) {
    TempDir dir;
    // The shell starts the command in the background, interrupts it after 2 s and reports its exit code.
    const std::string cmd = std::string(CADVIEW_CLI) + " segment --model broken-loop" + kModelArgs +
                            "--input " + quoted(kImage) + " --output " + quoted(dir.file("out.png"));
    const CliRun r = runCommand("{ (" + cmd + ") & pid=$!; sleep 2; kill -INT $pid; wait $pid; echo $?; }");
    EXPECT_EQ(r.out, "130\n") << r.err;
    EXPECT_NE(r.err.find("interrupted; cancelling"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("out.png")));
}

TEST(CliHostileModels, SegmentNeverWritesOverItsInput) {
    TempDir dir;
    const std::string input = dir.file("image.png");
    fs::copy_file(std::string(CADVIEW_TEST_DATA) + "/cxr_pneumoniamnist/val/normal/val_00003.png", input);
    std::ifstream in(input, std::ios::binary);
    const std::string before{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const CliRun r = runCli("segment --model test-seg2d-size" + kModelArgs + "--input " + quoted(input) +
                            " --output " + quoted(input));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("it is one of the input files"), std::string::npos) << r.err;
    std::ifstream again(input, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(again), std::istreambuf_iterator<char>()), before);
}

}  // namespace
}  // namespace cadview::test
