// A wrong model, or a manifest that does not match its model, gives the documented error
// (docs/model-manifest.md, "Errors"): the dry run at load time names the expected and the actual shapes;
// a file that is not TorchScript, a truncated one, and a missing engine plugin are reported in plain words.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "TestModels.h"

namespace cadview::test {
namespace {

// The InferenceError message of loading `m` ("(no error)" when it loads).
std::string loadError(const ModelManifest& m) {
    try {
        JobContext job;
        ModelRunner runner(m, TorchPlugin::backend(), job);
    } catch (const InferenceError& e) {
        std::cout << "  message: " << e.what() << "\n";
        return e.what();
    }
    return "(no error)";
}

TEST(ModelErrors, InputSizeTheModelRejectsNamesTheShapes) {
    const std::string e = loadError(testManifest("broken-input-size"));
    // Expected: the manifest's input; actual: what the model's Linear layer wanted (32 x 32 = 1024).
    EXPECT_NE(e.find("model.pt does not accept an input of shape (1, 1, 64, 64), the manifest's input"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("1x4096 and 1024x2"), std::string::npos) << e;
}

TEST(ModelErrors, WrongNumberOfOutputChannelsNamesTheShapes) {
    const std::string e = loadError(testManifest("broken-channels"));
    EXPECT_NE(e.find("model.pt: output 0 is (1, 3, 64, 64), the manifest expects (1, 2, 64, 64) "
                     "(background and 1 label(s))"),
              std::string::npos)
        << e;
}

TEST(ModelErrors, ManifestWithMoreLabelsThanTheClassifierNamesTheShapes) {
    ModelManifest m = testManifest("test-cls-gradcam");
    m.labels.push_back({2, "third", {0, 0, 255}});
    const std::string e = loadError(m);
    EXPECT_NE(e.find("model.pt: output 0 is (1, 2), the manifest expects (1, 3) (one score per label)"),
              std::string::npos)
        << e;
}

TEST(ModelErrors, FeatureMapTheModelDoesNotHave) {
    ModelManifest m = testManifest("test-cls-occlusion");  // returns the logits only
    m.featureMapOutput = 1;
    const std::string e = loadError(m);
    EXPECT_NE(e.find("the manifest's Grad-CAM feature map (output 1) must be a (1, K, h, w) output"),
              std::string::npos)
        << e;
}

TEST(ModelErrors, LogitsOutputTheModelDoesNotHave) {
    ModelManifest m = testManifest("test-seg2d");
    m.logitsOutput = 2;
    const std::string e = loadError(m);
    EXPECT_NE(e.find("model.pt has 1 output(s); the manifest reads output 2"), std::string::npos) << e;
}

TEST(ModelErrors, ThreeDimensionalManifestForATwoDimensionalModel) {
    ModelManifest m = testManifest("test-seg2d");
    m.inputKind = ModelManifest::InputKind::Patch3D;
    m.inputSize = {16, 16, 8};
    const std::string e = loadError(m);
    EXPECT_NE(e.find("does not accept an input of shape (1, 1, 8, 16, 16)"), std::string::npos) << e;
}

TEST(ModelErrors, GarbageFileIsNotTorchScript) {
    const ModelManifest m = testManifest("broken-garbage");
    const std::string e = loadError(m);
    EXPECT_EQ(e.rfind(m.file + ": not a TorchScript model LibTorch can load (", 0), 0u) << e;
}

TEST(ModelErrors, TruncatedFileIsNotTorchScript) {
    const ModelManifest m = testManifest("broken-truncated");
    const std::string e = loadError(m);
    EXPECT_EQ(e.rfind(m.file + ": not a TorchScript model LibTorch can load (", 0), 0u) << e;
}

TEST(ModelErrors, AModelThatRunsOutOfMemoryIsAClearErrorAndTheEngineGoesOn) {
    JobContext job;
    ModelRunner runner(testManifest("broken-oom"), TorchPlugin::backend(), job);  // the dry run passes
    const Volume dark = makeVolume<std::uint8_t>(gridOf(32, 32, 1), [](auto, auto, auto) { return 0.0; });
    const Volume bright = makeVolume<std::uint8_t>(gridOf(32, 32, 1), [](auto, auto, auto) { return 250.0; });
    try {
        runner.run(bright, job);
        ADD_FAILURE() << "no error";
    } catch (const InferenceError& e) {
        EXPECT_NE(std::string(e.what()).find("the model failed: out of memory: it asked for 262144.0 GiB at "
                                             "once, more than this computer can give"),
                  std::string::npos)
            << e.what();
    }
    // The same runner still works: nothing was left half-allocated or locked.
    const InferenceResult ok = runner.run(dark, job);
    ASSERT_TRUE(ok.labels);
    EXPECT_EQ(ok.labels->geometry().size[0], 32u);
}

TEST(ModelErrors, MissingModelFile) {
    ModelManifest m = testManifest("test-seg2d");
    m.file = modelDirectory() + "/test-seg2d/no-such-model.pt";
    const std::string e = loadError(m);
    EXPECT_EQ(e, m.file + ": no such file");
}

TEST(ModelErrors, ImageOfAnotherModalityIsRefused) {
    JobContext job;
    ModelRunner runner(testManifest("test-seg3d"), TorchPlugin::backend(), job);
    Volume image = makeVolume<std::uint8_t>(gridOf(8, 8, 2), [](auto, auto, auto) { return 0.0; });
    image.info().modality = "XR";
    try {
        runner.run(image, job);
        ADD_FAILURE() << "no error";
    } catch (const InferenceError& e) {
        EXPECT_STREQ(e.what(), "the model test-seg3d is for CT, MR images, not XR");
    }
}

TEST(ModelErrors, MissingPluginIsAClearError) {
    // The plugin is loaded once per process; CTest runs every test in a process of its own.
    if (TorchPlugin::isLoaded()) GTEST_SKIP() << "the plugin was loaded by an earlier test in this process";
    const char* before = std::getenv("CADVIEW_PLUGIN_DIR");
    const std::string saved = before ? before : "";
    ::setenv("CADVIEW_PLUGIN_DIR", "/nonexistent/plugins", 1);
    std::string e = "(no error)";
    try {
        TorchPlugin::backend();
    } catch (const InferenceError& x) {
        e = x.what();
    }
    if (before)
        ::setenv("CADVIEW_PLUGIN_DIR", saved.c_str(), 1);
    else
        ::unsetenv("CADVIEW_PLUGIN_DIR");
    EXPECT_EQ(
        e.rfind("the LibTorch engine cannot be loaded from /nonexistent/plugins/libcadview_torch.so (", 0),
        0u)
        << e;
    EXPECT_FALSE(TorchPlugin::isLoaded());
    // And it loads once the folder is right again.
    EXPECT_NO_THROW(TorchPlugin::backend());
}

}  // namespace
}  // namespace cadview::test
