// The LibTorch backend, built as the plugin libcadview_torch.so: the only translation unit that sees
// LibTorch. Everything else talks to it through InferenceBackend / LoadedModel with core Tensors.
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <thread>

#include "inference/InferenceBackend.h"
#include "inference/torch/TorchConversions.h"
#include "inference/torch/TorchTrainer.h"

namespace cadview {

namespace {

using namespace torchplugin;

// The BLAS LibTorch's convolutions run on (libblas.so.3 is a Debian alternative): "OpenBLAS", "reference
// BLAS" (Debian's default, about 10x slower) or the library's path.
std::string blasName() {
    void* lib = dlopen("libblas.so.3", RTLD_LAZY | RTLD_NOLOAD);
    if (!lib) return "BLAS unknown";
    Dl_info info{};
    void* sgemm = dlsym(lib, "sgemm_");
    std::string path = sgemm && dladdr(sgemm, &info) && info.dli_fname ? info.dli_fname : "";
    dlclose(lib);
    std::error_code ec;
    const std::string real = std::filesystem::canonical(path, ec).string();
    if (ec) return "BLAS unknown";
    if (real.find("openblas") != std::string::npos) return "OpenBLAS";
    if (real.find("/blas/") != std::string::npos) return "reference BLAS";
    return real;
}

// A TorchScript file on the CPU, its floating-point weights in float32: a model may store them as float16 to
// halve its file (docs/model-manifest.md), and cadview's tensors are float32.
torch::jit::Module loadModule(const std::string& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) throw InferenceError(file + ": no such file");
    try {
        torch::jit::Module module = torch::jit::load(file, torch::kCPU);
        module.to(torch::kFloat);
        return module;
    } catch (const std::exception& e) {
        throw InferenceError(file + ": not a TorchScript model LibTorch can load (" +
                             plainMessage(e).substr(0, 300) + ")");
    }
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
        return std::make_unique<TorchModel>(loadModule(file));
    }

    std::unique_ptr<ModelTrainer> trainer(const std::string& file,
                                          const TrainingSettings& settings) override {
        return std::make_unique<TorchTrainer>(loadModule(file), settings);
    }

    void setThreads(int threads) override {
        threads_ = std::max(1, threads);
        at::set_num_threads(threads_);
    }

    std::string description() const override {
        return "LibTorch " + std::string(TORCH_VERSION) + ", " + std::to_string(threads_) + " threads, " +
               blasName();
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
