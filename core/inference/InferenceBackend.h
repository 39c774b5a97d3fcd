#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "inference/ModelTrainer.h"
#include "inference/Tensor.h"

namespace cadview {

// A model loaded by a backend, ready to run. Not thread-safe: one job uses it at a time.
class LoadedModel {
  public:
    virtual ~LoadedModel() = default;
    // All outputs of the model's forward() (a tuple or list is flattened in order; a single tensor is
    // output 0). Throws InferenceError with the backend's message in plain words.
    virtual std::vector<Tensor> forward(const Tensor& input) = 0;
    // Grad-CAM (Selvaraju et al. 2017) for every class of one input of batch size 1, from a single forward
    // pass: for class c, the gradients of output `logits`[0, c] with respect to the feature map at output
    // `featureMap` (1, K, h, w) are averaged per channel into weights; the map is
    // ReLU(sum_k weight_k * feature_k), shape (h, w), not normalised. `afterEach(c)` runs after class c's
    // map; when it returns false the remaining classes are skipped. Throws InferenceError when the
    // outputs are not shaped so.
    struct GradCams {
        std::vector<Tensor> outputs;  // all outputs of the forward pass, as forward() returns them
        std::vector<Tensor> maps;     // one (h, w) map per class computed
    };
    virtual GradCams gradCams(const Tensor& input, int logits, int featureMap,
                              const std::function<bool(int)>& afterEach) = 0;
};

class InferenceError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Loads TorchScript files. The LibTorch implementation lives in a plugin (TorchPlugin) that is only
// loaded when the first model is needed, so the viewer starts without LibTorch's 0.5 s of start-up.
class InferenceBackend {
  public:
    virtual ~InferenceBackend() = default;
    // Throws InferenceError naming the file when it cannot be loaded as TorchScript.
    virtual std::unique_ptr<LoadedModel> load(const std::string& file) = 0;
    // The model in `file` opened for training (see ModelTrainer). Throws InferenceError like load().
    virtual std::unique_ptr<ModelTrainer> trainer(const std::string& file,
                                                  const TrainingSettings& settings) = 0;
    // Intra-op threads (LibTorch's default on a 2-core VM was 1).
    virtual void setThreads(int threads) = 0;
    virtual std::string description() const = 0;  // e.g. "LibTorch 1.13.1, 2 threads, OpenBLAS"
};

}  // namespace cadview
