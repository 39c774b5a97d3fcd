// Model manifests (docs/model-manifest.md): the documented example parses to the right values, each
// kind of mistake is reported with the field's path, and the registry scans folders as documented.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "inference/ModelManifest.h"
#include "inference/ModelRegistry.h"

namespace cadview {
namespace {

namespace fs = std::filesystem;

const char* kExample = R"({
  "schema": 1,
  "name": "cxr-lung-seg",
  "version": "1.0.0",
  "task": "segmentation",
  "description": "Lungs on frontal chest radiographs.",
  "modality": ["CR", "DX", "XR"],
  "file": "model.pt",
  "input": { "kind": "2d", "size": [256, 192], "channels": 1, "resample": "size" },
  "normalization": { "type": "percentile", "low": 0.5, "high": 99.5 },
  "labels": [ { "value": 1, "name": "lung", "color": "#3fa7ff" } ],
  "output": { "activation": "softmax" }
})";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
}

std::string errorOf(const std::string& json) {
    try {
        ModelManifest::parse(json, "/models/x/manifest.json");
    } catch (const ManifestError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ModelManifest, DocumentedExampleParses) {
    const ModelManifest m = ModelManifest::parse(kExample, "/models/cxr/manifest.json");
    EXPECT_EQ(m.name, "cxr-lung-seg");
    EXPECT_EQ(m.task, ModelManifest::Task::Segmentation);
    EXPECT_EQ(m.file, "/models/cxr/model.pt");
    EXPECT_EQ(m.inputKind, ModelManifest::InputKind::Slice2D);
    EXPECT_EQ(m.inputSize, (std::vector<int>{256, 192}));
    EXPECT_EQ(m.inputShape(), (std::vector<std::int64_t>{1, 1, 192, 256}));  // N, C, H, W
    EXPECT_EQ(m.normalization, ModelManifest::Normalization::Percentile);
    EXPECT_DOUBLE_EQ(m.percentileHigh, 99.5);
    ASSERT_EQ(m.labels.size(), 1u);
    EXPECT_EQ(m.labels[0].color, (std::array<std::uint8_t, 3>{0x3f, 0xa7, 0xff}));
    EXPECT_DOUBLE_EQ(m.labels[0].threshold, 0.5);  // the default
    EXPECT_TRUE(m.acceptsModality("DX"));
    EXPECT_FALSE(m.acceptsModality("CT"));
    EXPECT_EQ(m.activation, ModelManifest::Activation::Softmax);
    EXPECT_FALSE(m.featureMapOutput.has_value());
    // The normalised JSON parses back to the same manifest.
    const ModelManifest again = ModelManifest::parse(m.toJson(), "/models/cxr/manifest.json");
    EXPECT_EQ(again.toJson(), m.toJson());
}

TEST(ModelManifest, MistakesNameTheField) {
    EXPECT_EQ(
        errorOf(replaced(kExample, R"("size": [256, 192])", R"("size": [256, 192, 3])")),
        "/models/x/manifest.json: input.size: expected 2 positive integers for a 2d model, got [256,192,3]");
    EXPECT_EQ(
        errorOf(replaced(kExample, R"("task": "segmentation")", R"("task": "detection")")),
        "/models/x/manifest.json: task: \"detection\" is not one of \"segmentation\", \"classification\"");
    EXPECT_EQ(errorOf(replaced(kExample, R"("color": "#3fa7ff")", R"("color": "blue")")),
              "/models/x/manifest.json: labels[0].color: expected a colour \"#rrggbb\", got \"blue\"");
    EXPECT_EQ(errorOf(replaced(kExample, R"("name": "cxr-lung-seg",)", "")),
              "/models/x/manifest.json: name: missing");
    EXPECT_EQ(errorOf(replaced(kExample, R"("value": 1)", R"("value": 0)")),
              "/models/x/manifest.json: labels[0].value: segmentation labels are 1 to 255 (0 is background)");
    EXPECT_EQ(errorOf(replaced(kExample, R"("resample": "size")", R"("resample": "spacing")")),
              "/models/x/manifest.json: input.spacing: required when input.resample is \"spacing\"");
    EXPECT_EQ(errorOf(replaced(kExample, R"("activation": "softmax")",
                               R"("activation": "softmax", "feature_map": 1)")),
              "/models/x/manifest.json: output.feature_map: only classifiers have a Grad-CAM feature map");
    EXPECT_EQ(errorOf(replaced(kExample, R"("schema": 1)", R"("schema": 2)")),
              "/models/x/manifest.json: schema: version 2 is not supported (this cadview reads 1)");
    EXPECT_NE(errorOf("{ not json").find("/models/x/manifest.json: not valid JSON"), std::string::npos);
    EXPECT_EQ(errorOf(replaced(kExample, R"("color": "#3fa7ff")", R"("color": "#3fa7ff", "threshold": 1.5)")),
              "/models/x/manifest.json: labels[0].threshold: expected a number from 0 to 1");
    EXPECT_EQ(errorOf(replaced(kExample, R"("kind": "2d")", R"("kind": "2.5d")")), "(no error)");
    EXPECT_EQ(errorOf(replaced(replaced(kExample, R"("kind": "2d")", R"("kind": "2.5d")"), R"("channels": 1)",
                               R"("channels": 2)")),
              "/models/x/manifest.json: input.channels: a 2.5d model needs an odd number of channels (the "
              "slice and its neighbours)");
    const std::string largest = R"("activation": "softmax", "keep_largest_component": true)";
    EXPECT_TRUE(ModelManifest::parse(replaced(kExample, R"("activation": "softmax")", largest), "/m.json")
                    .keepLargestComponent);
    EXPECT_FALSE(ModelManifest::parse(kExample, "/m.json").keepLargestComponent);
    EXPECT_EQ(errorOf(replaced(kExample, R"("activation": "softmax")",
                               R"("activation": "softmax", "keep_largest_component": "yes")")),
              "/models/x/manifest.json: output.keep_largest_component: expected true or false");
    EXPECT_EQ(
        errorOf(replaced(replaced(kExample, R"("activation": "softmax")", largest),
                         R"("task": "segmentation")", R"("task": "classification")")),
        "/models/x/manifest.json: output.keep_largest_component: only segmentation models have components");
    const auto mirror = [&](const std::string& axes) {
        return replaced(kExample, R"("activation": "softmax")",
                        R"("activation": "softmax", "mirror": )" + axes);
    };
    EXPECT_EQ(ModelManifest::parse(mirror(R"(["y", "x"])"), "/m.json").mirrorAxes, (std::vector<int>{1, 0}));
    EXPECT_TRUE(ModelManifest::parse(kExample, "/m.json").mirrorAxes.empty());
    EXPECT_NE(ModelManifest::parse(mirror(R"(["x"])"), "/m.json").toJson().find(R"("mirror":["x"])"),
              std::string::npos);
    EXPECT_EQ(errorOf(mirror(R"(["z"])")),
              "/models/x/manifest.json: output.mirror: expected \"x\" or \"y\" for a 2d model, got \"z\"");
    EXPECT_EQ(errorOf(mirror(R"(["x", "x"])")),
              "/models/x/manifest.json: output.mirror: axis \"x\" is given twice");
    EXPECT_EQ(errorOf(mirror(R"("x")")),
              "/models/x/manifest.json: output.mirror: expected a list of axes (\"x\", \"y\", \"z\")");
    EXPECT_EQ(
        errorOf(replaced(mirror(R"(["x"])"), R"("task": "segmentation")", R"("task": "classification")")),
        "/models/x/manifest.json: output.mirror: only segmentation models are mirrored");
}

class RegistryFolder : public ::testing::Test {
  protected:
    fs::path root = fs::temp_directory_path() / ("cadview-registry-" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(root); }
    void TearDown() override { fs::remove_all(root); }
    void model(const std::string& dir, const std::string& manifest, bool withFile = true) {
        fs::create_directories(root / dir);
        std::ofstream(root / dir / "manifest.json") << manifest;
        if (withFile) std::ofstream(root / dir / "model.pt") << "not read by the registry";
    }
};

TEST_F(RegistryFolder, FindsModelsAndListsBrokenOnes) {
    model("a/good", kExample);
    model("a/broken", replaced(kExample, R"("task": "segmentation")", R"("task": 3)"));
    model("a/nofile", replaced(kExample, R"("name": "cxr-lung-seg")", R"("name": "other")"), false);
    const ModelRegistry r = ModelRegistry::scan({(root / "a").string(), (root / "missing").string()});
    ASSERT_EQ(r.models().size(), 1u);
    EXPECT_EQ(r.find("cxr-lung-seg").version, "1.0.0");
    ASSERT_EQ(r.problems().size(), 3u);
    EXPECT_NE(r.problems()[0].error.find("task: expected a string"), std::string::npos);
    EXPECT_NE(r.problems()[1].error.find("model file"), std::string::npos);
    EXPECT_EQ(r.problems()[2].error, "no such folder");
    try {
        r.find("nope");
        FAIL();
    } catch (const ManifestError& e) {
        EXPECT_EQ(std::string(e.what()), "no model named \"nope\" (models: cxr-lung-seg)");
    }
}

TEST_F(RegistryFolder, AModelFileMustBeARegularFileInsideItsFolder) {
    // A folder, a device reached through a link, a path out of the model's folder, a link out of it.
    const auto withFile = [&](const std::string& name, const std::string& file) {
        model("a/" + name,
              replaced(replaced(kExample, R"("name": "cxr-lung-seg")", "\"name\": \"" + name + "\""),
                       R"("file": "model.pt")", "\"file\": \"" + file + "\""),
              false);
    };
    withFile("folder", "weights");
    fs::create_directories(root / "a" / "folder" / "weights");
    withFile("device", "model.pt");
    fs::create_symlink("/dev/zero", root / "a" / "device" / "model.pt");
    withFile("outside", "../shared.pt");
    std::ofstream(root / "a" / "shared.pt") << "x";
    withFile("linked", "model.pt");
    fs::create_symlink(root / "a" / "shared.pt", root / "a" / "linked" / "model.pt");
    withFile("missing", "model.pt");
    const ModelRegistry r = ModelRegistry::scan({(root / "a").string()});
    EXPECT_TRUE(r.models().empty());
    std::map<std::string, std::string> why;
    for (const auto& p : r.problems())
        why[fs::path(p.path).parent_path().filename().string()] = p.error;
    EXPECT_EQ(why["folder"], "the model file \"weights\" is a folder");
    EXPECT_EQ(why["device"], "the model file \"model.pt\" is not a regular file");
    EXPECT_EQ(why["outside"], "the model file \"../shared.pt\" leaves the folder of manifest.json (\"..\")");
    EXPECT_EQ(why["linked"], "the model file \"model.pt\" links outside the folder of manifest.json");
    EXPECT_EQ(why["missing"], "the model file \"model.pt\" does not exist");
}

TEST_F(RegistryFolder, LaterFoldersWin) {
    model("bundled/m", kExample);
    model("user/m", replaced(kExample, R"("version": "1.0.0")", R"("version": "2.0.0")"));
    const ModelRegistry r = ModelRegistry::scan({(root / "bundled").string(), (root / "user").string()});
    ASSERT_EQ(r.models().size(), 1u);
    EXPECT_EQ(r.models()[0].version, "2.0.0");
}

}  // namespace
}  // namespace cadview
