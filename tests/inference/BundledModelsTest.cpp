// The models shipped in resources/models: every one is found, passes its manifest's dry run, and gives the
// outputs its recipe computed in Python (training/make_reference_outputs.py -> reference.json) on real
// images from ../shared/data: probabilities to 1e-4, segmentations to within a few boundary voxels.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "TestModels.h"
#include "inference/ModelRegistry.h"
#include "io/VolumeLoader.h"

using namespace cadview;
namespace fs = std::filesystem;

namespace {

const char* const kBundled[] = {"cxr-pneumonia", "cxr-lung-seg", "lgg-flair-seg"};

nlohmann::json referenceOf(const std::string& name) {
    std::ifstream in(fs::path(ModelRegistry::bundledModelDirectory()) / name / "reference.json");
    EXPECT_TRUE(in.good()) << name << ": reference.json missing";
    nlohmann::json j;
    if (in) in >> j;
    return j;
}

Volume loadData(const std::string& rel) {
    JobContext job;
    return VolumeLoader::loadPath(std::string(CADVIEW_TEST_DATA) + "/" + rel, "", {}, job);
}

}  // namespace

TEST(BundledModels, AllThreeAreFoundWithTheirModelCards) {
    const ModelRegistry registry = ModelRegistry::scan({ModelRegistry::bundledModelDirectory()});
    for (const auto& p : registry.problems())
        ADD_FAILURE() << p.path << ": " << p.error;
    for (const char* name : kBundled) {
        EXPECT_NO_THROW(registry.find(name)) << name;
        const fs::path folder = fs::path(ModelRegistry::bundledModelDirectory()) / name;
        for (const char* file : {"MODEL_CARD.md", "train.py", "model.pt", "manifest.json"})
            EXPECT_TRUE(fs::exists(folder / file)) << folder / file;
        // A few MB each; the largest, lgg-flair-seg, is four U-Nets with float16 weights (8.5 MiB).
        EXPECT_LT(fs::file_size(folder / "model.pt"), 10u << 20) << "weights small enough to commit";
    }
}

// LibTorch's convolutions run on the system BLAS. scripts/install-deps.sh installs OpenBLAS; on Debian's
// default reference BLAS every model is about 10x slower (cxr-pneumonia: 20 ms a pass instead of 2 ms).
TEST(BundledModels, RunOnOpenBlas) {
    const std::string backend = TorchPlugin::backend().description();
    EXPECT_NE(backend.find("OpenBLAS"), std::string::npos) << backend;
}

TEST(BundledModels, DryRunAndPythonReferenceOutputs) {
    const ModelRegistry registry = ModelRegistry::scan({ModelRegistry::bundledModelDirectory()});
    for (const char* name : kBundled) {
        SCOPED_TRACE(name);
        const ModelManifest& manifest = registry.find(name);
        JobContext job;
        ModelRunner runner(manifest, TorchPlugin::backend(), job);  // the dry run throws on a mismatch
        runner.setHeatmaps(false);
        const nlohmann::json ref = referenceOf(name);
        ASSERT_FALSE(ref["cases"].empty());
        for (const auto& c : ref["cases"]) {
            const std::string input = c["input"].get<std::string>();
            SCOPED_TRACE(input);
            const Volume image = loadData(input);
            const InferenceResult r = runner.run(image, job);
            if (manifest.task == ModelManifest::Task::Classification) {
                const auto expected = c["probabilities"].get<std::vector<double>>();
                ASSERT_EQ(r.probabilities.size(), expected.size());
                for (std::size_t k = 0; k < expected.size(); ++k)
                    EXPECT_NEAR(r.probabilities[k], expected[k], 1e-4);
                continue;
            }
            // Foreground count within 0.5% and bounding box within 2 voxels of Python's: the same
            // pipeline up to float rounding at the argmax boundary.
            const Volume& labels = *r.labels;
            const std::uint8_t* p = labels.as<std::uint8_t>();
            const auto& g = labels.geometry();
            std::size_t count = 0;
            long lo[3] = {long(g.size[0]), long(g.size[1]), long(g.size[2])}, hi[3] = {-1, -1, -1};
            for (std::size_t z = 0; z < g.size[2]; ++z)
                for (std::size_t y = 0; y < g.size[1]; ++y)
                    for (std::size_t x = 0; x < g.size[0]; ++x)
                        if (p[(z * g.size[1] + y) * g.size[0] + x]) {
                            ++count;
                            const long idx[3] = {long(x), long(y), long(z)};
                            for (int a = 0; a < 3; ++a) {
                                lo[a] = std::min(lo[a], idx[a]);
                                hi[a] = std::max(hi[a], idx[a]);
                            }
                        }
            const double expected = c["voxels"].get<double>();
            EXPECT_NEAR(double(count), expected, std::max(2.0, 0.005 * expected));
            const auto box = c["bbox"].get<std::vector<long>>();
            for (int a = 0; a < 3; ++a) {
                EXPECT_NEAR(lo[a], box[std::size_t(a)], 2) << "axis " << a;
                EXPECT_NEAR(hi[a], box[std::size_t(a) + 3], 2) << "axis " << a;
            }
        }
    }
}
