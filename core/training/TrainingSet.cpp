#include "training/TrainingSet.h"

#include <algorithm>
#include <cmath>

#include "inference/IntensityNormalizer.h"
#include "inference/Resampling.h"
#include "inference/SliceSampler.h"
#include "io/VolumeLoader.h"
#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

// Mask value at every model pixel: nearest neighbour of the pixel centre (align_corners = false).
std::vector<double> maskOnGrid(const Volume& mask, std::size_t W, std::size_t H) {
    const std::size_t nx = mask.geometry().size[0], ny = mask.geometry().size[1];
    std::vector<double> out(W * H);
    for (std::size_t y = 0; y < H; ++y) {
        const std::size_t sy = std::min(ny - 1, std::size_t((double(y) + 0.5) * double(ny) / double(H)));
        for (std::size_t x = 0; x < W; ++x) {
            const std::size_t sx = std::min(nx - 1, std::size_t((double(x) + 0.5) * double(nx) / double(W)));
            out[y * W + x] = mask.valueAt(sx, sy, 0);
        }
    }
    return out;
}

}  // namespace

void TrainingSet::requireTrainable(const ModelManifest& m) {
    if (m.inputKind != ModelManifest::InputKind::Slice2D || m.resample != ModelManifest::Resample::ToSize)
        throw DatasetError("cadview-cli train fine-tunes 2d models with resample \"size\"; " + m.name +
                           " is not one (train 2.5d and 3d models in Python)");
    if (m.activation == ModelManifest::Activation::None)
        throw DatasetError(
            m.name + " outputs probabilities (activation \"none\"), not logits: cadview cannot train it");
}

TrainingSet TrainingSet::build(const ModelManifest& m, const std::vector<EvaluationCase>& cases,
                               std::optional<int> ignore, JobContext& job) {
    requireTrainable(m);
    const bool segmentation = m.task == ModelManifest::Task::Segmentation;
    const bool softmax = m.activation == ModelManifest::Activation::Softmax;
    const std::size_t W = std::size_t(m.inputSize[0]), H = std::size_t(m.inputSize[1]),
                      C = std::size_t(m.channels), L = m.labels.size();
    TrainingSet set;
    set.cases_ = cases;
    set.inputShape_ = {std::int64_t(C), std::int64_t(H), std::int64_t(W)};
    if (segmentation)
        set.targetShape_ = softmax
                               ? std::vector<std::int64_t>{std::int64_t(H), std::int64_t(W)}
                               : std::vector<std::int64_t>{std::int64_t(L), std::int64_t(H), std::int64_t(W)};
    else
        set.targetShape_ = softmax ? std::vector<std::int64_t>{} : std::vector<std::int64_t>{std::int64_t(L)};
    set.inputs_.resize(cases.size());
    set.targets_.resize(cases.size());

    job.setStage(JobStage::Preprocessing, cases.size());
    parallelFor(cases.size(), job, [&](std::size_t i) {
        const EvaluationCase& c = cases[i];
        JobContext local;
        LoadOptions load;
        load.threads = 1;
        Volume image;
        try {
            image = VolumeLoader::loadPath(c.image, "", load, local);
        } catch (const std::exception& e) {
            throw DatasetError(c.name + ": " + e.what());
        }
        const IntensityNormalizer normalizer(m, image);
        const SliceSampler sampler(image, normalizer);
        std::vector<float> raw(sampler.width() * sampler.height());
        sampler.slice(long(sampler.depth() / 2), raw.data());
        std::vector<float>& in = set.inputs_[i];
        in.resize(C * H * W);
        for (std::size_t ch = 0; ch < C; ++ch)
            Resampling::resize2D(raw.data(), sampler.width(), sampler.height(), in.data() + ch * H * W, W, H);

        std::vector<float>& t = set.targets_[i];
        if (!segmentation) {
            const std::string key = EvaluationDataset::classKey(c.className);
            int match = -1;
            for (std::size_t k = 0; k < L; ++k)
                if (EvaluationDataset::classKey(m.labels[k].name) == key) match = int(k);
            if (softmax) {
                if (match < 0)
                    throw DatasetError(c.name + ": the class folder \"" + c.className +
                                       "\" names no label of " + m.name);
                t = {float(match)};
            } else {
                t.assign(L, 0.0f);
                if (match >= 0) t[std::size_t(match)] = 1.0f;
            }
        } else {
            Volume mask;
            try {
                mask = VolumeLoader::loadPath(c.reference, "", load, local);
            } catch (const std::exception& e) {
                throw DatasetError(c.name + ": " + e.what());
            }
            if (mask.geometry().size[0] != image.geometry().size[0] ||
                mask.geometry().size[1] != image.geometry().size[1])
                throw DatasetError(c.name + ": the mask's size differs from the image's");
            const std::vector<double> values = maskOnGrid(mask, W, H);
            if (softmax) {
                t.assign(W * H, 0.0f);
                for (std::size_t p = 0; p < values.size(); ++p) {
                    const double v = values[p];
                    if (ignore && v == *ignore) {
                        t[p] = -1.0f;
                        continue;
                    }
                    for (std::size_t k = 0; k < L; ++k)
                        if (L == 1 ? v != 0 : v == m.labels[k].value) t[p] = float(k + 1);
                }
            } else {
                t.assign(L * W * H, 0.0f);
                for (std::size_t k = 0; k < L; ++k)
                    for (std::size_t p = 0; p < values.size(); ++p)
                        t[k * W * H + p] = (L == 1 ? values[p] != 0 : values[p] == m.labels[k].value) &&
                                                   !(ignore && values[p] == *ignore)
                                               ? 1.0f
                                               : 0.0f;
            }
        }
        job.advance();
    });
    return set;
}

Tensor TrainingSet::inputs(const std::vector<std::size_t>& samples) const {
    std::vector<std::int64_t> shape{std::int64_t(samples.size())};
    shape.insert(shape.end(), inputShape_.begin(), inputShape_.end());
    Tensor t(shape);
    const std::size_t n = Tensor::elementCount(inputShape_);
    for (std::size_t b = 0; b < samples.size(); ++b)
        std::copy(inputs_[samples[b]].begin(), inputs_[samples[b]].end(), t.data.begin() + long(b * n));
    return t;
}

Tensor TrainingSet::targets(const std::vector<std::size_t>& samples) const {
    std::vector<std::int64_t> shape{std::int64_t(samples.size())};
    shape.insert(shape.end(), targetShape_.begin(), targetShape_.end());
    Tensor t(shape);
    const std::size_t n = Tensor::elementCount(targetShape_);
    for (std::size_t b = 0; b < samples.size(); ++b)
        std::copy(targets_[samples[b]].begin(), targets_[samples[b]].end(), t.data.begin() + long(b * n));
    return t;
}

}  // namespace cadview
