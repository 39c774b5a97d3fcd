#pragma once

#include <string>
#include <vector>

#include "inference/Tensor.h"

namespace cadview {

// How a model is trained: the loss follows the manifest's activation.
struct TrainingSettings {
    enum class Loss {
        // softmax models: targets are class indices, (N) for classifiers or (N, H, W) for segmenters;
        // -1 marks samples or pixels to leave out.
        CrossEntropy,
        // sigmoid models: targets have the logits' shape, 0 or 1 per output.
        BinaryCrossEntropy
    };
    Loss loss = Loss::CrossEntropy;
    int logitsOutput = 0;  // which of the model's outputs are the logits
    double learningRate = 1e-4;
    double weightDecay = 1e-4;
    // Optional weight per class (cross-entropy) or per output (binary cross-entropy, for the positives).
    std::vector<float> classWeights;
};

// A TorchScript model being trained in place (fine-tuning): every parameter of the module is updated by
// AdamW through LibTorch autograd. Not thread-safe.
class ModelTrainer {
  public:
    virtual ~ModelTrainer() = default;
    // One optimiser step on a batch (N, C, H, W); returns the batch's mean loss. Targets as described in
    // TrainingSettings::Loss, as floats. Throws InferenceError with LibTorch's message in plain words.
    virtual double step(const Tensor& input, const Tensor& target) = 0;
    // The logits for a batch in evaluation mode (batch norm statistics frozen, dropout off, no gradients).
    virtual Tensor predict(const Tensor& input) = 0;
    // Keep the current weights as the best so far; go back to the kept ones.
    virtual void remember() = 0;
    virtual void restore() = 0;
    // The module, with its current weights, as a TorchScript file.
    virtual void save(const std::string& file) = 0;
};

}  // namespace cadview
