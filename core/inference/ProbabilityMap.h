#pragma once

#include <cstdint>
#include <vector>

#include "inference/ModelManifest.h"

namespace cadview {

// Turns a model's per-voxel outputs into probabilities (the manifest's activation) and per-voxel
// channel values into a label (the manifest's label values): argmax with channel 0 as background, or
// with one channel per label the most probable above one half; when the manifest gives labels a
// threshold, the most probable label whose probability is at or above its threshold.
class ProbabilityMap {
  public:
    ProbabilityMap(const ModelManifest& manifest, int channels);

    // In place over `count` voxels of a (channels x count) block.
    void activate(float* channels, std::size_t count) const;
    // The label for one voxel's probabilities (one value per channel).
    std::uint8_t label(const float* probabilities) const;
    int channels() const { return channels_; }

  private:
    ModelManifest::Activation activation_;
    int channels_;
    bool hasBackground_;  // channel 0 is background (softmax-style): labels follow from channel 1
    std::vector<std::uint8_t> values_;
    std::vector<float> thresholds_;  // per label, when the manifest gives segmentation thresholds
    bool thresholded_ = false;
};

}  // namespace cadview
