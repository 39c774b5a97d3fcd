// The LibTorch backend, built as the plugin libcadview_torch.so: the only translation unit that sees
// LibTorch. Everything else talks to it through InferenceBackend / LoadedModel with core Tensors.
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <thread>

#include "inference/InferenceBackend.h"

namespace cadview {

namespace {

torch::Tensor toTorch(const Tensor& t) {
    // from_blob does not own the memory; clone so autograd and the model may keep it.
    return torch::from_blob(const_cast<float*>(t.data.data()), t.shape, torch::kFloat32).clone();
}

Tensor fromTorch(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
    Tensor out;
    out.shape.assign(c.sizes().begin(), c.sizes().end());
    out.data.resize(std::size_t(c.numel()));
    std::memcpy(out.data.data(), c.data_ptr<float>(), out.data.size() * sizeof(float));
    return out;
}

void flatten(const torch::jit::IValue& v, std::vector<torch::Tensor>& out) {
    if (v.isTensor()) {
        out.push_back(v.toTensor());
    } else if (v.isTuple()) {
        for (const auto& e : v.toTupleRef().elements())
            flatten(e, out);
    } else if (v.isList()) {
        for (const auto& e : v.toListRef())
            flatten(e, out);
    } else if (v.isTensorList()) {
        for (const auto& e : v.toTensorVector())
            out.push_back(e);
    } else {
        throw InferenceError("the model returned a " + v.tagKind() + ", not tensors");
    }
}

// LibTorch's message in plain words. Errors raised inside TorchScript code (a shape the model's layers
// reject, an assertion in its forward()) arrive as std::runtime_error carrying the interpreter's two
// tracebacks, then the Python-style last line ("RuntimeError: mat1 and mat2 shapes cannot be
// multiplied (1x4096 and 1024x2)"): only that line is kept. c10::Error loses its C++ backtrace.
std::string plainMessage(const std::exception& e) {
    const auto* c10 = dynamic_cast<const c10::Error*>(&e);
    std::string s = c10 ? c10->what_without_backtrace() : e.what();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    if (s.find("Traceback of TorchScript") != std::string::npos) {
        const std::size_t nl = s.rfind('\n');
        if (nl != std::string::npos) s = s.substr(nl + 1);
    }
    return s;
}

std::string shapeText(const torch::Tensor& t) {
    std::string s = "(";
    for (std::int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + ")";
}

class TorchModel : public LoadedModel {
  public:
    explicit TorchModel(torch::jit::Module m) : module_(std::move(m)) { module_.eval(); }

    std::vector<Tensor> forward(const Tensor& input) override {
        try {
            torch::NoGradGuard noGrad;
            std::vector<torch::Tensor> outputs;
            flatten(module_.forward({toTorch(input)}), outputs);
            std::vector<Tensor> result;
            result.reserve(outputs.size());
            for (const auto& o : outputs)
                result.push_back(fromTorch(o));
            return result;
        } catch (const InferenceError&) {
            throw;
        } catch (const std::exception& e) {
            throw InferenceError("the model failed: " + plainMessage(e));
        }
    }

    GradCams gradCams(const Tensor& input, int logits, int featureMap,
                      const std::function<bool(int)>& afterEach) override {
        try {
            // Unoptimised: after its first run with gradients, LibTorch 1.13's profiling executor builds
            // differentiable subgraphs that, for a model returning an intermediate tensor (the feature
            // map) that it also uses, no longer connect the scores to that output: the gradient fails
            // with "One of the differentiated Tensors appears to not have been used in the graph".
            const torch::jit::GraphOptimizerEnabledGuard unoptimised(false);
            torch::Tensor x = toTorch(input).requires_grad_(true);
            std::vector<torch::Tensor> outputs;
            flatten(module_.forward({x}), outputs);
            const int n = int(outputs.size());
            if (logits >= n || featureMap >= n)
                throw InferenceError("the model has " + std::to_string(n) +
                                     " outputs; the manifest names output " +
                                     std::to_string(std::max(logits, featureMap)));
            const torch::Tensor scores = outputs[std::size_t(logits)];
            const torch::Tensor features = outputs[std::size_t(featureMap)];
            if (features.dim() != 4 || features.size(0) != 1)
                throw InferenceError("the Grad-CAM feature map must be (1, K, h, w), the model gives " +
                                     shapeText(features));
            if (scores.dim() != 2 || scores.size(0) != 1)
                throw InferenceError("the class scores must be (1, classes), the model gives " +
                                     shapeText(scores));
            GradCams result;
            for (const auto& o : outputs)
                result.outputs.push_back(fromTorch(o));
            const std::int64_t classes = scores.size(1);
            for (std::int64_t c = 0; c < classes; ++c) {
                // The graph of the one forward pass is kept for the next class's backward pass.
                const auto grads = torch::autograd::grad({scores.index({0, c})}, {features}, {},
                                                         /*retain_graph=*/c + 1 < classes);
                const torch::Tensor weights = grads[0].mean({2, 3}, /*keepdim=*/true);  // (1, K, 1, 1)
                result.maps.push_back(fromTorch(torch::relu((weights * features).sum(1)).squeeze(0)));
                if (!afterEach(int(c))) break;
            }
            return result;
        } catch (const InferenceError&) {
            throw;
        } catch (const std::exception& e) {
            throw InferenceError("Grad-CAM failed: " + plainMessage(e));
        }
    }

  private:
    torch::jit::Module module_;
};

class TorchBackend : public InferenceBackend {
  public:
    TorchBackend() { setThreads(int(std::max(1u, std::thread::hardware_concurrency()))); }

    std::unique_ptr<LoadedModel> load(const std::string& file) override {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) throw InferenceError(file + ": no such file");
        try {
            return std::make_unique<TorchModel>(torch::jit::load(file, torch::kCPU));
        } catch (const std::exception& e) {
            throw InferenceError(file + ": not a TorchScript model LibTorch can load (" +
                                 plainMessage(e).substr(0, 300) + ")");
        }
    }

    void setThreads(int threads) override {
        threads_ = std::max(1, threads);
        at::set_num_threads(threads_);
    }

    std::string description() const override {
        return "LibTorch " + std::string(TORCH_VERSION) + ", " + std::to_string(threads_) + " threads";
    }

  private:
    int threads_ = 1;
};

}  // namespace

}  // namespace cadview

extern "C" __attribute__((visibility("default"))) cadview::InferenceBackend* cadview_torch_backend() {
    static cadview::TorchBackend backend;
    return &backend;
}
