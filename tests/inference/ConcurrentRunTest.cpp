// One ModelRunner shared by several threads (how `cadview-cli classify` works through a batch): every
// image gets exactly the result it gets alone, for Grad-CAM, occlusion and segmentation.
#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

#include "TestModels.h"

namespace cadview::test {
namespace {

std::vector<Volume> images(std::size_t count, std::size_t nz) {
    std::vector<Volume> out;
    for (std::size_t i = 0; i < count; ++i) {
        Lcg rng(std::uint32_t(100 + i));
        out.push_back(makeVolume<std::uint8_t>(gridOf(96, 80, nz),
                                               [&](auto, auto, auto) { return double(rng.next(256)); }));
    }
    return out;
}

void expectSameResults(const InferenceResult& a, const InferenceResult& b) {
    EXPECT_EQ(a.probabilities, b.probabilities);
    ASSERT_EQ(a.heatmaps.size(), b.heatmaps.size());
    for (std::size_t l = 0; l < a.heatmaps.size(); ++l)
        EXPECT_EQ(0, std::memcmp(a.heatmaps[l]->data(), b.heatmaps[l]->data(), a.heatmaps[l]->bytes()));
    ASSERT_EQ(bool(a.labels), bool(b.labels));
    if (a.labels) {
        EXPECT_EQ(0, std::memcmp(a.labels->data(), b.labels->data(), a.labels->bytes()));
    }
}

void expectConcurrentRunsMatch(const std::string& model, std::size_t nz) {
    JobContext load;
    ModelRunner runner(testManifest(model), TorchPlugin::backend(), load);
    const std::vector<Volume> inputs = images(6, nz);
    std::vector<InferenceResult> alone, together(inputs.size());
    for (const Volume& v : inputs) {
        JobContext job;
        alone.push_back(runner.run(v, job));
    }
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        threads.emplace_back([&, i] {
            JobContext job;
            together[i] = runner.run(inputs[i], job);
        });
    for (auto& t : threads)
        t.join();
    for (std::size_t i = 0; i < inputs.size(); ++i)
        expectSameResults(alone[i], together[i]);
}

TEST(ConcurrentRun, GradCamClassifier) {
    expectConcurrentRunsMatch("test-cls-resnet", 1);
}

TEST(ConcurrentRun, OcclusionClassifier) {
    expectConcurrentRunsMatch("test-cls-occlusion", 1);
}

TEST(ConcurrentRun, Segmenter) {
    expectConcurrentRunsMatch("test-seg2d", 3);
}

}  // namespace
}  // namespace cadview::test
