#include "inference/ModelRunner.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "inference/ClassificationInference.h"
#include "inference/SegmentationInference.h"
#include "io/MemoryBudget.h"

namespace cadview {

namespace {

std::string shapeText(const std::vector<std::int64_t>& s) {
    std::string t = "(";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + ")";
}

// A model that answers NaN or infinity has misbehaved: its result would read as "0 voxels" or "nan %".
void requireFinite(const std::vector<Tensor>& outputs, const std::string& model) {
    for (std::size_t o = 0; o < outputs.size(); ++o)
        for (const float v : outputs[o].data)
            if (!std::isfinite(v))
                throw InferenceError("the model " + model + " returned " +
                                     (std::isnan(v) ? "NaN" : "infinite") + " values (output " +
                                     std::to_string(o) + ") for this input; its result cannot be used");
}

// The runner's model for one run: its calls hold the runner's lock, so runs on several threads share it,
// and every output is checked to be finite.
class SerializedModel : public LoadedModel {
  public:
    SerializedModel(LoadedModel& model, std::mutex& mutex, std::string name)
        : model_(model), mutex_(mutex), name_(std::move(name)) {}
    std::vector<Tensor> forward(const Tensor& input) override {
        std::vector<Tensor> out;
        {
            std::lock_guard lock(mutex_);
            out = model_.forward(input);
        }
        requireFinite(out, name_);
        return out;
    }
    GradCams gradCams(const Tensor& input, int logits, int featureMap,
                      const std::function<bool(int)>& afterEach) override {
        GradCams cams;
        {
            std::lock_guard lock(mutex_);
            cams = model_.gradCams(input, logits, featureMap, afterEach);
        }
        requireFinite(cams.outputs, name_);
        return cams;
    }

  private:
    LoadedModel& model_;
    std::mutex& mutex_;
    std::string name_;
};

// A manifest input that cannot fit is refused before the warm-up allocates it (60000 x 60000 reached 14 GB
// first): the input, its output and the network's activations take several times the input's bytes.
void requireInputFits(const ModelManifest& m, const std::string& file) {
    constexpr std::uint64_t kCopies = 8;
    const std::uint64_t bytes = std::uint64_t(Tensor::elementCount(m.inputShape())) * sizeof(float);
    const std::optional<std::uint64_t> usable = MemoryBudget::usable(LoadOptions{});
    if (usable && bytes > *usable / kCopies)
        throw InferenceError(file + ": the manifest's input of " + shapeText(m.inputShape()) +
                             " needs about " + MemoryBudget::format(bytes * kCopies) + " to run; " +
                             MemoryBudget::format(*usable) + " is free");
}

}  // namespace

ModelRunner::~ModelRunner() = default;

ModelRunner::ModelRunner(ModelManifest manifest, InferenceBackend& backend, JobContext& job)
    : manifest_(std::move(manifest)) {
    job.setStage(JobStage::LoadingModel, 3);
    const ModelManifest& m = manifest_;
    const std::string file = std::filesystem::path(m.file).filename().string();
    requireInputFits(m, file);
    model_ = backend.load(m.file);
    job.advance();

    // Dry run on the manifest's input shape: proves the model and the manifest agree, and warms the
    // model up (LibTorch's first forward costs tens of milliseconds of JIT work).
    const Tensor dummy(m.inputShape(), 0.0f);
    std::vector<Tensor> outputs;
    try {
        outputs = model_->forward(dummy);
    } catch (const InferenceError& e) {
        throw InferenceError(file + " does not accept an input of shape " + shapeText(dummy.shape) +
                             ", the manifest's input: " + e.what());
    }
    job.advance();
    if (std::size_t(m.logitsOutput) >= outputs.size())
        throw InferenceError(file + " has " + std::to_string(outputs.size()) +
                             " output(s); the manifest reads output " + std::to_string(m.logitsOutput));
    const Tensor& logits = outputs[std::size_t(m.logitsOutput)];
    const std::int64_t labels = std::int64_t(m.labels.size());
    if (m.task == ModelManifest::Task::Segmentation) {
        std::vector<std::int64_t> expected = dummy.shape;
        const bool spatialMatches =
            logits.rank() == dummy.rank() && logits.shape[0] == 1 &&
            std::equal(logits.shape.begin() + 2, logits.shape.end(), dummy.shape.begin() + 2);
        const std::int64_t k = logits.rank() >= 2 ? logits.shape[1] : 0;
        const bool channelsMatch =
            k == labels + 1 || (k == labels && m.activation != ModelManifest::Activation::Softmax);
        if (!spatialMatches || !channelsMatch) {
            expected[1] = labels + 1;
            throw InferenceError(file + ": output " + std::to_string(m.logitsOutput) + " is " +
                                 shapeText(logits.shape) + ", the manifest expects " + shapeText(expected) +
                                 " (background and " + std::to_string(labels) + " label(s))");
        }
        outputChannels_ = int(k);
    } else {
        if (logits.shape != std::vector<std::int64_t>{1, labels})
            throw InferenceError(file + ": output " + std::to_string(m.logitsOutput) + " is " +
                                 shapeText(logits.shape) + ", the manifest expects " +
                                 shapeText({1, labels}) + " (one score per label)");
        if (m.featureMapOutput) {
            if (std::size_t(*m.featureMapOutput) >= outputs.size() ||
                outputs[std::size_t(*m.featureMapOutput)].rank() != 4)
                throw InferenceError(file + ": the manifest's Grad-CAM feature map (output " +
                                     std::to_string(*m.featureMapOutput) + ") must be a (1, K, h, w) output");
        }
        outputChannels_ = int(labels);
    }
    model_->forward(dummy);  // a second run: LibTorch's profiling executor optimises after the first
    job.advance();
}

InferenceResult ModelRunner::run(const Volume& image, JobContext& job) {
    const auto start = std::chrono::steady_clock::now();
    if (!image.info().modality.empty() && !manifest_.acceptsModality(image.info().modality)) {
        std::string list;
        for (const auto& mod : manifest_.modalities)
            list += (list.empty() ? "" : ", ") + mod;
        throw InferenceError("the model " + manifest_.name + " is for " + list + " images, not " +
                             image.info().modality);
    }
    InferenceResult r;
    r.modelName = manifest_.name;
    r.modelVersion = manifest_.version;
    SerializedModel model(*model_, modelMutex_, manifest_.name);
    if (manifest_.task == ModelManifest::Task::Segmentation)
        r.labels = SegmentationInference::run(manifest_, model, outputChannels_, batch_, image, job);
    else
        ClassificationInference::run(manifest_, model, batch_, heatmaps_, image, r, job);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace cadview
