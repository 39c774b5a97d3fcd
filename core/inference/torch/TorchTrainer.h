#pragma once

// Part of the LibTorch plugin: only its translation units include this.
#include <torch/script.h>

#include <map>
#include <memory>
#include <string>

#include "inference/ModelTrainer.h"

namespace torch::optim {
class Optimizer;
}

namespace cadview {

// Fine-tunes a TorchScript module in place with AdamW on all of its parameters.
class TorchTrainer : public ModelTrainer {
  public:
    TorchTrainer(torch::jit::Module module, TrainingSettings settings);
    ~TorchTrainer() override;

    double step(const Tensor& input, const Tensor& target) override;
    Tensor predict(const Tensor& input) override;
    void remember() override;
    void restore() override;
    void save(const std::string& file) override;

  private:
    torch::Tensor logitsOf(const torch::Tensor& input);

    torch::jit::Module module_;
    TrainingSettings settings_;
    std::unique_ptr<torch::optim::Optimizer> optimiser_;
    std::map<std::string, torch::Tensor> kept_;
};

}  // namespace cadview
