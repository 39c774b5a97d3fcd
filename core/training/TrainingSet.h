#pragma once

#include <optional>
#include <vector>

#include "evaluation/EvaluationDataset.h"
#include "inference/ModelManifest.h"
#include "inference/Tensor.h"
#include "jobs/JobContext.h"

namespace cadview {

// The samples of a dataset as a 2D model (input.kind "2d", resample "size") sees them: each image
// pre-processed exactly as for inference (intensity normalisation, bilinear resize to the model's size), and
// its target:
//   classifier, softmax: the index of the label its class folder is named after (every folder must be);
//   classifier, sigmoid: 1 for the label its folder is named after, 0 for the others;
//   segmenter, softmax: per pixel the channel of its mask value (one label: any non-zero value), resized
//     to the model's grid by nearest neighbour; `ignore` pixels are -1 (left out of the loss);
//   segmenter, sigmoid: per label channel, 1 where the mask holds the label.
class TrainingSet {
  public:
    // Throws DatasetError naming the case for a model it cannot train or a case it cannot use
    // (unreadable image, mask of another size, class folder that names no label).
    // Throws DatasetError unless the model is one cadview can fine-tune (2d, resample "size", logits).
    static void requireTrainable(const ModelManifest& manifest);
    static TrainingSet build(const ModelManifest& manifest, const std::vector<EvaluationCase>& cases,
                             std::optional<int> ignore, JobContext& job);

    std::size_t size() const { return inputs_.size(); }
    const EvaluationCase& sample(std::size_t i) const { return cases_[i]; }
    // Batches of the given samples, shaped for the model and for TrainingSettings' losses.
    Tensor inputs(const std::vector<std::size_t>& samples) const;
    Tensor targets(const std::vector<std::size_t>& samples) const;
    const std::vector<float>& target(std::size_t i) const { return targets_[i]; }

  private:
    std::vector<EvaluationCase> cases_;
    std::vector<std::vector<float>> inputs_;
    std::vector<std::vector<float>> targets_;
    std::vector<std::int64_t> inputShape_;   // C, H, W
    std::vector<std::int64_t> targetShape_;  // per sample, without the batch dimension
};

}  // namespace cadview
