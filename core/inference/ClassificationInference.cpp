#include "inference/ClassificationInference.h"

#include <algorithm>
#include <cmath>

#include "inference/IntensityNormalizer.h"
#include "inference/ProbabilityMap.h"
#include "inference/Resampling.h"
#include "inference/SliceSampler.h"

namespace cadview {

namespace {

std::vector<double> probabilitiesOf(const ModelManifest& m, const Tensor& logits, std::size_t item) {
    const std::size_t L = m.labels.size();
    std::vector<float> p(logits.data.begin() + long(item * L), logits.data.begin() + long((item + 1) * L));
    // Classifier logits are one vector: the labels are the channels of a single voxel.
    ProbabilityMap(m, int(L)).activate(p.data(), 1);
    return {p.begin(), p.end()};
}

// The class scores among a model's outputs, checked against the manifest.
Tensor logitsIn(std::vector<Tensor>& out, const ModelManifest& m) {
    if (std::size_t(m.logitsOutput) >= out.size())
        throw InferenceError("the model returned " + std::to_string(out.size()) +
                             " outputs; the manifest reads output " + std::to_string(m.logitsOutput));
    Tensor t = std::move(out[std::size_t(m.logitsOutput)]);
    if (t.rank() != 2 || t.shape[1] != std::int64_t(m.labels.size()))
        throw InferenceError("the classifier's output must be (batch, " + std::to_string(m.labels.size()) +
                             ")");
    return t;
}

Tensor logitsOf(LoadedModel& model, const ModelManifest& m, const Tensor& input) {
    std::vector<Tensor> out = model.forward(input);
    return logitsIn(out, m);
}

// A (h x w) map stretched over the image's slice and scaled to [0, 1].
std::shared_ptr<Volume> heatmapVolume(const std::vector<float>& map, std::size_t w, std::size_t h,
                                      const ImageGeometry& slice) {
    auto v = std::make_shared<Volume>(slice, PixelType::Float32);
    float* out = v->as<float>();
    Resampling::resize2D(map.data(), w, h, out, slice.size[0], slice.size[1]);
    const float top = *std::max_element(out, out + v->voxelCount());
    for (std::size_t i = 0; i < v->voxelCount(); ++i)
        out[i] = top > 0 ? std::max(0.0f, out[i] / top) : 0.0f;
    return v;
}

}  // namespace

void ClassificationInference::run(const ModelManifest& m, LoadedModel& model, int batch, bool heatmaps,
                                  const Volume& image, InferenceResult& result, JobContext& job) {
    job.setStage(JobStage::Preprocessing, 1);
    const IntensityNormalizer normalizer(m, image);
    const SliceSampler sampler(image, normalizer);
    const std::size_t nx = sampler.width(), ny = sampler.height();
    const std::size_t W = std::size_t(m.inputSize[0]), H = std::size_t(m.inputSize[1]),
                      C = std::size_t(m.channels);
    const long z = long(sampler.depth() / 2);
    std::vector<float> raw(nx * ny);
    Tensor input({1, std::int64_t(C), std::int64_t(H), std::int64_t(W)});
    for (std::size_t c = 0; c < C; ++c) {
        const bool neighbours = m.inputKind == ModelManifest::InputKind::Slice25D;
        sampler.slice(z + (neighbours ? long(c) - long(C / 2) : 0), raw.data());
        Resampling::resize2D(raw.data(), nx, ny, input.data.data() + c * W * H, W, H);
    }
    ImageGeometry slice = image.geometry();
    slice.origin = slice.indexToPhysical({0, 0, double(z)});
    slice.size[2] = 1;
    job.advance();

    const std::size_t L = m.labels.size();
    if (heatmaps && m.featureMapOutput) {
        // Grad-CAM: one forward pass gives the probabilities, then one backward pass per label.
        job.setStage(JobStage::Inferring, L);
        LoadedModel::GradCams cams = model.gradCams(input, m.logitsOutput, *m.featureMapOutput, [&](int) {
            job.advance();
            return !job.cancelled();
        });
        job.throwIfCancelled();
        result.probabilities = probabilitiesOf(m, logitsIn(cams.outputs, m), 0);
        if (cams.maps.size() != L)
            throw InferenceError("Grad-CAM gave " + std::to_string(cams.maps.size()) + " maps for " +
                                 std::to_string(L) + " labels");
        result.heatmapsAreGradCam = true;
        job.setStage(JobStage::Postprocessing, L);
        for (const Tensor& cam : cams.maps) {
            job.throwIfCancelled();
            result.heatmaps.push_back(
                heatmapVolume(cam.data, std::size_t(cam.shape[1]), std::size_t(cam.shape[0]), slice));
            job.advance();
        }
        return;
    }

    job.setStage(JobStage::Inferring, 1);
    result.probabilities = probabilitiesOf(m, logitsOf(model, m, input), 0);
    job.advance();
    if (!heatmaps) return;

    // Occlusion: an 8 x 8 grid of patches, each blanked (set to 0, the normalised floor) in turn.
    const std::size_t grid = 8, pw = std::max<std::size_t>(1, W / grid),
                      ph = std::max<std::size_t>(1, H / grid);
    const std::size_t gx = (W + pw - 1) / pw, gy = (H + ph - 1) / ph;
    std::vector<std::vector<float>> drop(L, std::vector<float>(gx * gy, 0.0f));
    job.setStage(JobStage::Inferring, gx * gy);
    const std::size_t per = C * W * H;
    for (std::size_t p0 = 0; p0 < gx * gy; p0 += std::size_t(batch)) {
        job.throwIfCancelled();
        const std::size_t b = std::min<std::size_t>(std::size_t(batch), gx * gy - p0);
        Tensor occluded({std::int64_t(b), std::int64_t(C), std::int64_t(H), std::int64_t(W)});
        for (std::size_t i = 0; i < b; ++i) {
            float* dst = occluded.data.data() + i * per;
            std::copy(input.data.begin(), input.data.end(), dst);
            const std::size_t px = (p0 + i) % gx, py = (p0 + i) / gx;
            for (std::size_t c = 0; c < C; ++c)
                for (std::size_t y = py * ph; y < std::min(H, (py + 1) * ph); ++y)
                    for (std::size_t x = px * pw; x < std::min(W, (px + 1) * pw); ++x)
                        dst[(c * H + y) * W + x] = 0.0f;
        }
        const Tensor logits = logitsOf(model, m, occluded);
        for (std::size_t i = 0; i < b; ++i) {
            const auto p = probabilitiesOf(m, logits, i);
            for (std::size_t l = 0; l < L; ++l)
                drop[l][p0 + i] = float(std::max(0.0, result.probabilities[l] - p[l]));
            job.advance();
        }
    }
    for (std::size_t l = 0; l < L; ++l)
        result.heatmaps.push_back(heatmapVolume(drop[l], gx, gy, slice));
}

}  // namespace cadview
