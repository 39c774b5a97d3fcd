// Fine-tuning in the LibTorch plugin (see TorchBackend.cpp): autograd through a TorchScript module's own
// forward(), AdamW on its parameters.
#include "inference/torch/TorchTrainer.h"

#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/nn/functional/loss.h>
#include <torch/optim/adamw.h>

#include "inference/torch/TorchConversions.h"

namespace cadview {

using namespace torchplugin;
namespace F = torch::nn::functional;

TorchTrainer::TorchTrainer(torch::jit::Module module, TrainingSettings settings)
    : module_(std::move(module)), settings_(std::move(settings)) {
    torch::manual_seed(2026);  // dropout masks
    std::vector<torch::Tensor> params;
    for (const auto& p : module_.parameters()) {
        p.requires_grad_(true);
        params.push_back(p);
    }
    if (params.empty()) throw InferenceError("the model has no parameters to train");
    optimiser_ = std::make_unique<torch::optim::AdamW>(
        params, torch::optim::AdamWOptions(settings_.learningRate).weight_decay(settings_.weightDecay));
    module_.train(true);
}

TorchTrainer::~TorchTrainer() = default;

torch::Tensor TorchTrainer::logitsOf(const torch::Tensor& input) {
    std::vector<torch::Tensor> outputs;
    flatten(module_.forward({input}), outputs);
    if (std::size_t(settings_.logitsOutput) >= outputs.size())
        throw InferenceError("the model has " + std::to_string(outputs.size()) +
                             " output(s); the manifest reads " + std::to_string(settings_.logitsOutput));
    return outputs[std::size_t(settings_.logitsOutput)];
}

double TorchTrainer::step(const Tensor& input, const Tensor& target) {
    try {
        // As for Grad-CAM (TorchBackend.cpp): LibTorch 1.13's profiling executor can cut the graph between
        // a scripted module's outputs and its parameters after the first run with gradients.
        const torch::jit::GraphOptimizerEnabledGuard unoptimised(false);
        const torch::Tensor logits = logitsOf(toTorch(input));
        torch::Tensor t = toTorch(target);
        torch::Tensor loss;
        const bool weighted = !settings_.classWeights.empty();
        const torch::Tensor w =
            weighted ? torch::tensor(settings_.classWeights, torch::kFloat32) : torch::Tensor();
        if (settings_.loss == TrainingSettings::Loss::CrossEntropy) {
            auto options = F::CrossEntropyFuncOptions().ignore_index(-1);
            if (weighted) options = options.weight(w);
            loss = F::cross_entropy(logits, t.to(torch::kLong), options);
        } else {
            if (t.sizes() != logits.sizes())
                throw InferenceError("the targets are " + shapeText(t) + ", the logits " + shapeText(logits));
            auto options = F::BinaryCrossEntropyWithLogitsFuncOptions();
            if (weighted) {
                // One weight per output channel (dimension 1), broadcast over the rest.
                std::vector<std::int64_t> shape(std::size_t(logits.dim()), 1);
                shape[1] = w.size(0);
                options = options.pos_weight(w.view(shape));
            }
            loss = F::binary_cross_entropy_with_logits(logits, t, options);
        }
        optimiser_->zero_grad();
        loss.backward();
        optimiser_->step();
        return loss.item<double>();
    } catch (const InferenceError&) {
        throw;
    } catch (const std::exception& e) {
        throw InferenceError("training failed: " + plainMessage(e));
    }
}

Tensor TorchTrainer::predict(const Tensor& input) {
    try {
        torch::NoGradGuard noGrad;
        module_.eval();
        Tensor out = fromTorch(logitsOf(toTorch(input)));
        module_.train(true);
        return out;
    } catch (const InferenceError&) {
        module_.train(true);
        throw;
    } catch (const std::exception& e) {
        module_.train(true);
        throw InferenceError("the model failed: " + plainMessage(e));
    }
}

void TorchTrainer::remember() {
    torch::NoGradGuard noGrad;
    for (const auto& p : module_.named_parameters())
        kept_[p.name] = p.value.detach().clone();
    for (const auto& b : module_.named_buffers())
        kept_[b.name] = b.value.detach().clone();
}

void TorchTrainer::restore() {
    torch::NoGradGuard noGrad;
    for (const auto& p : module_.named_parameters())
        if (auto it = kept_.find(p.name); it != kept_.end()) p.value.copy_(it->second);
    for (const auto& b : module_.named_buffers())
        if (auto it = kept_.find(b.name); it != kept_.end()) b.value.copy_(it->second);
}

void TorchTrainer::save(const std::string& file) {
    try {
        module_.eval();
        module_.save(file);
        module_.train(true);
    } catch (const std::exception& e) {
        module_.train(true);
        throw InferenceError(file + ": cannot be written (" + plainMessage(e) + ")");
    }
}

}  // namespace cadview
