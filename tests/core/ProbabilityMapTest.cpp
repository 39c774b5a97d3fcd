// ProbabilityMap: the manifest's activation over a (channels x voxels) block, and a voxel's label from its
// probabilities: argmax with channel 0 as background (softmax-style outputs), or, with one channel per
// label (sigmoid-style), the most probable label above one half; or, with thresholds in the manifest, the
// most probable label at or above its threshold. Label values come from the manifest.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "inference/ProbabilityMap.h"

namespace cadview {
namespace {

ModelManifest manifestWith(ModelManifest::Activation a, std::vector<int> values) {
    ModelManifest m;
    m.activation = a;
    for (int v : values)
        m.labels.push_back({v, std::to_string(v), {255, 0, 0}});
    return m;
}

TEST(ProbabilityMap, SoftmaxOverChannelsPerVoxel) {
    const ProbabilityMap map(manifestWith(ModelManifest::Activation::Softmax, {5, 9}), 3);
    // Two voxels, channel-major: voxel 0 has logits (1, 2, 3), voxel 1 has (0, 0, 0).
    std::vector<float> block{1, 0, 2, 0, 3, 0};
    map.activate(block.data(), 2);
    const double sum = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
    EXPECT_NEAR(block[0], std::exp(1.0) / sum, 1e-7);
    EXPECT_NEAR(block[2], std::exp(2.0) / sum, 1e-7);
    EXPECT_NEAR(block[4], std::exp(3.0) / sum, 1e-7);
    EXPECT_NEAR(block[1], 1.0 / 3, 1e-7);
    EXPECT_NEAR(block[3], 1.0 / 3, 1e-7);
}

TEST(ProbabilityMap, SoftmaxIsStableForLargeLogits) {
    const ProbabilityMap map(manifestWith(ModelManifest::Activation::Softmax, {1}), 2);
    std::vector<float> block{1000, -1000};
    map.activate(block.data(), 1);
    EXPECT_EQ(block[0], 1.0f);
    EXPECT_EQ(block[1], 0.0f);
}

TEST(ProbabilityMap, LabelsWithABackgroundChannel) {
    const ProbabilityMap map(manifestWith(ModelManifest::Activation::Softmax, {5, 9}), 3);
    const float background[] = {0.5f, 0.3f, 0.2f}, first[] = {0.2f, 0.5f, 0.3f},
                second[] = {0.1f, 0.2f, 0.7f};
    EXPECT_EQ(map.label(background), 0);
    EXPECT_EQ(map.label(first), 5);
    EXPECT_EQ(map.label(second), 9);
    const float tie[] = {0.5f, 0.5f, 0.0f};  // ties go to the lower channel, as argmax does
    EXPECT_EQ(map.label(tie), 0);
}

TEST(ProbabilityMap, SigmoidOneChannelPerLabel) {
    const ProbabilityMap map(manifestWith(ModelManifest::Activation::Sigmoid, {3, 4}), 2);
    std::vector<float> block{0, 2, -2, 1};  // channel 0: voxels (0, 2); channel 1: (-2, 1)
    map.activate(block.data(), 2);
    EXPECT_NEAR(block[0], 0.5, 1e-7);
    EXPECT_NEAR(block[1], 1 / (1 + std::exp(-2.0)), 1e-7);
    EXPECT_NEAR(block[2], 1 / (1 + std::exp(2.0)), 1e-7);
    const float none[] = {0.4f, 0.49f}, both[] = {0.6f, 0.9f}, one[] = {0.7f, 0.2f};
    EXPECT_EQ(map.label(none), 0);
    EXPECT_EQ(map.label(both), 4);
    EXPECT_EQ(map.label(one), 3);
}

// A segmentation manifest's thresholds replace argmax: a label is given at or above its threshold, the
// most probable of those that pass wins, and none passing is background.
TEST(ProbabilityMap, ThresholdsFromTheManifest) {
    ModelManifest m = manifestWith(ModelManifest::Activation::Softmax, {5, 9});
    m.labels[0].threshold = 0.3;
    m.labels[0].thresholdGiven = true;
    const ProbabilityMap map(m, 3);
    const float low[] = {0.7f, 0.3f, 0.0f}, below[] = {0.75f, 0.25f, 0.0f}, nine[] = {0.3f, 0.2f, 0.5f},
                both[] = {0.0f, 0.45f, 0.55f}, neither[] = {0.55f, 0.0f, 0.45f};
    EXPECT_EQ(map.label(low), 5);  // argmax would say background
    EXPECT_EQ(map.label(below), 0);
    EXPECT_EQ(map.label(nine), 9);  // label 9 keeps the default 0.5
    EXPECT_EQ(map.label(both), 9);
    EXPECT_EQ(map.label(neither), 0);

    ModelManifest sigmoid = manifestWith(ModelManifest::Activation::Sigmoid, {3, 4});
    sigmoid.labels[1].threshold = 0.8;
    sigmoid.labels[1].thresholdGiven = true;
    const ProbabilityMap perLabel(sigmoid, 2);
    const float under[] = {0.4f, 0.7f}, over[] = {0.6f, 0.8f};
    EXPECT_EQ(perLabel.label(under), 0);
    EXPECT_EQ(perLabel.label(over), 4);
}

TEST(ProbabilityMap, NoActivationKeepsTheModelsProbabilities) {
    const ProbabilityMap map(manifestWith(ModelManifest::Activation::None, {1}), 2);
    std::vector<float> block{0.25f, 0.75f};
    map.activate(block.data(), 1);
    EXPECT_EQ(block, (std::vector<float>{0.25f, 0.75f}));
    EXPECT_EQ(map.channels(), 2);
}

}  // namespace
}  // namespace cadview
