#include "inference/SegmentationInference.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "annotation/Connectivity.h"
#include "annotation/IslandRemoval.h"
#include "annotation/PaintRule.h"
#include "inference/IntensityNormalizer.h"
#include "inference/ProbabilityMap.h"
#include "inference/Resampling.h"
#include "inference/SliceSampler.h"
#include "inference/SlidingWindows.h"
#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

// Grid the model works on: its input size, or the image resampled to the model's spacing.
std::array<std::size_t, 3> targetGrid(const ModelManifest& m, const ImageGeometry& g, int dims) {
    std::array<std::size_t, 3> t{1, 1, 1};
    for (int a = 0; a < dims; ++a) {
        const std::size_t ai = std::size_t(a);
        t[ai] =
            m.resample == ModelManifest::Resample::ToSize
                ? std::size_t(m.inputSize[ai])
                : std::max<std::size_t>(
                      1, std::size_t(std::lround(double(g.size[ai]) * g.spacing[ai] / m.inputSpacing[ai])));
    }
    if (dims == 2) t[2] = g.size[2];
    return t;
}

// Accumulates Gaussian-weighted window probabilities over a (channels x d x h x w) grid.
struct Accumulator {
    std::size_t w, h, d, k;
    std::vector<float> sum, weight;
    Accumulator(std::size_t w_, std::size_t h_, std::size_t d_, std::size_t k_)
        : w(w_), h(h_), d(d_), k(k_), sum(w_ * h_ * d_ * k_, 0.0f), weight(w_ * h_ * d_, 0.0f) {}

    // `probs`: (k x wd x wh x ww) window at (x0, y0, z0); parts outside the grid (padding) are dropped.
    void add(const float* probs, const std::vector<float>& gauss, std::array<std::size_t, 3> win,
             std::size_t x0, std::size_t y0, std::size_t z0) {
        const std::size_t per = win[0] * win[1] * win[2];
        for (std::size_t z = 0; z < win[2] && z0 + z < d; ++z)
            for (std::size_t y = 0; y < win[1] && y0 + y < h; ++y)
                for (std::size_t x = 0; x < win[0] && x0 + x < w; ++x) {
                    const std::size_t wi = (z * win[1] + y) * win[0] + x;
                    const std::size_t gi = ((z0 + z) * h + (y0 + y)) * w + (x0 + x);
                    weight[gi] += gauss[wi];
                    for (std::size_t c = 0; c < k; ++c)
                        sum[c * w * h * d + gi] += probs[c * per + wi] * gauss[wi];
                }
    }
    void finish() {
        const std::size_t n = w * h * d;
        for (std::size_t c = 0; c < k; ++c)
            for (std::size_t i = 0; i < n; ++i)
                sum[c * n + i] /= std::max(weight[i], 1e-6f);
    }
};

std::string shapeText(const std::vector<std::int64_t>& s) {
    std::string t = "(";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + ")";
}

Tensor runBatch(LoadedModel& model, const Tensor& input, const ModelManifest& m,
                const std::vector<std::int64_t>& expected) {
    std::vector<Tensor> out = model.forward(input);
    if (std::size_t(m.logitsOutput) >= out.size())
        throw InferenceError("the model returned " + std::to_string(out.size()) +
                             " outputs; the manifest reads output " + std::to_string(m.logitsOutput));
    Tensor& logits = out[std::size_t(m.logitsOutput)];
    if (logits.shape != expected)
        throw InferenceError("the model's output is " + shapeText(logits.shape) + ", expected " +
                             shapeText(expected));
    return std::move(logits);
}

// Mirrors a (N, C, [D,] H, W) tensor in place along image axis `axis` (0 = x, the last dimension).
void mirror(Tensor& t, int axis) {
    const std::size_t dim = t.shape.size() - 1 - std::size_t(axis);
    std::size_t inner = 1;
    for (std::size_t d = dim + 1; d < t.shape.size(); ++d)
        inner *= std::size_t(t.shape[d]);
    const std::size_t n = std::size_t(t.shape[dim]), outer = t.size() / (inner * n);
    for (std::size_t o = 0; o < outer; ++o) {
        float* base = t.data.data() + o * n * inner;
        for (std::size_t i = 0; i < n / 2; ++i)
            std::swap_ranges(base + i * inner, base + (i + 1) * inner, base + (n - 1 - i) * inner);
    }
}

// The probabilities (the manifest's activation) of a batch: of the input alone, or the mean over the
// input and its mirror images when the manifest asks for test-time mirroring.
Tensor probabilities(LoadedModel& model, const Tensor& input, const ModelManifest& m,
                     const std::vector<std::int64_t>& expected, const ProbabilityMap& map, JobContext& job) {
    const std::size_t items = std::size_t(expected[0]), perItem = Tensor::elementCount(expected) / items,
                      voxels = perItem / std::size_t(expected[1]);
    auto activate = [&](Tensor& t) {
        for (std::size_t i = 0; i < items; ++i)
            map.activate(t.data.data() + i * perItem, voxels);
    };
    Tensor sum = runBatch(model, input, m, expected);
    activate(sum);
    const std::size_t passes = std::size_t(1) << m.mirrorAxes.size();
    for (std::size_t pass = 1; pass < passes; ++pass) {
        job.throwIfCancelled();
        Tensor mirrored = input;
        for (std::size_t a = 0; a < m.mirrorAxes.size(); ++a)
            if (pass & (std::size_t(1) << a)) mirror(mirrored, m.mirrorAxes[a]);
        Tensor p = runBatch(model, mirrored, m, expected);
        activate(p);
        for (std::size_t a = 0; a < m.mirrorAxes.size(); ++a)
            if (pass & (std::size_t(1) << a)) mirror(p, m.mirrorAxes[a]);
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum.data[i] += p.data[i];
    }
    if (passes > 1)
        for (float& v : sum.data)
            v /= float(passes);
    return sum;
}

}  // namespace

std::shared_ptr<Volume> SegmentationInference::run(const ModelManifest& m, LoadedModel& model, int channels,
                                                   int batch, const Volume& image, JobContext& job) {
    auto labels = std::make_shared<Volume>(image.geometry(), PixelType::UInt8);
    labels->info() = image.info();
    labels->info().seriesDescription = m.name + " " + m.version;
    if (m.inputKind == ModelManifest::InputKind::Patch3D)
        patches(m, model, channels, batch, image, *labels, job);
    else
        slices(m, model, channels, batch, image, *labels, job);
    if (m.keepLargestComponent) {
        PaintRule erase;
        erase.value = 0;
        for (const ModelManifest::Label& l : m.labels)
            IslandRemoval::keepLargest(*labels, std::uint8_t(l.value), erase, Connectivity::volume6(), &job);
    }
    return labels;
}

void SegmentationInference::slices(const ModelManifest& m, LoadedModel& model, int channels, int batch,
                                   const Volume& image, Volume& labels, JobContext& job) {
    job.setStage(JobStage::Preprocessing, 1);
    const IntensityNormalizer normalizer(m, image);
    const SliceSampler sampler(image, normalizer);
    const std::size_t nx = sampler.width(), ny = sampler.height(), nz = sampler.depth();
    const auto target = targetGrid(m, image.geometry(), 2);
    const std::size_t tw = target[0], th = target[1];
    const std::size_t W = std::size_t(m.inputSize[0]), H = std::size_t(m.inputSize[1]),
                      C = std::size_t(m.channels);
    const std::size_t K = std::size_t(channels);
    const auto xs = SlidingWindows::starts(tw, W, m.overlap), ys = SlidingWindows::starts(th, H, m.overlap);
    const auto gauss = xs.size() * ys.size() > 1 ? SlidingWindows::gaussianWeights({W, H, 1})
                                                 : std::vector<float>(W * H, 1.0f);
    const ProbabilityMap map(m, channels);
    const bool neighbours = m.inputKind == ModelManifest::InputKind::Slice25D;
    job.advance();

    // Where each image pixel falls on the model's grid (align_corners = false).
    std::vector<double> mapX(nx), mapY(ny);
    for (std::size_t x = 0; x < nx; ++x)
        mapX[x] = Resampling::sourceCoordinate(x, tw, nx);
    for (std::size_t y = 0; y < ny; ++y)
        mapY[y] = Resampling::sourceCoordinate(y, th, ny);

    struct Tile {
        std::size_t slice, x0, y0;
    };
    job.setStage(JobStage::Inferring, nz);
    std::vector<float> raw(nx * ny), resized(tw * th);
    const std::size_t slicesPerGroup = std::max<std::size_t>(1, std::size_t(batch) / (xs.size() * ys.size()));
    for (std::size_t first = 0; first < nz; first += slicesPerGroup) {
        job.throwIfCancelled();
        const std::size_t count = std::min(slicesPerGroup, nz - first);
        // Channels of every slice in the group on the model's grid: (slice, channel, th, tw).
        std::vector<float> grid(count * C * tw * th);
        for (std::size_t s = 0; s < count; ++s)
            for (std::size_t c = 0; c < C; ++c) {
                job.throwIfCancelled();
                const long z = long(first + s) + (neighbours ? long(c) - long(C / 2) : 0);
                sampler.slice(z, raw.data());
                Resampling::resize2D(raw.data(), nx, ny, grid.data() + (s * C + c) * tw * th, tw, th);
            }
        std::vector<Tile> tiles;
        for (std::size_t s = 0; s < count; ++s)
            for (std::size_t y0 : ys)
                for (std::size_t x0 : xs)
                    tiles.push_back({s, x0, y0});
        std::vector<Accumulator> acc;
        for (std::size_t s = 0; s < count; ++s)
            acc.emplace_back(tw, th, 1, K);
        for (std::size_t t0 = 0; t0 < tiles.size(); t0 += std::size_t(batch)) {
            job.throwIfCancelled();
            const std::size_t b = std::min<std::size_t>(std::size_t(batch), tiles.size() - t0);
            Tensor input({std::int64_t(b), std::int64_t(C), std::int64_t(H), std::int64_t(W)}, 0.0f);
            for (std::size_t i = 0; i < b; ++i) {
                const Tile& tile = tiles[t0 + i];
                for (std::size_t c = 0; c < C; ++c) {
                    const float* src = grid.data() + (tile.slice * C + c) * tw * th;
                    float* dst = input.data.data() + (i * C + c) * W * H;
                    for (std::size_t y = 0; y < H && tile.y0 + y < th; ++y)
                        for (std::size_t x = 0; x < W && tile.x0 + x < tw; ++x)
                            dst[y * W + x] = src[(tile.y0 + y) * tw + tile.x0 + x];
                }
            }
            const Tensor probs =
                probabilities(model, input, m,
                              {std::int64_t(b), std::int64_t(K), std::int64_t(H), std::int64_t(W)}, map, job);
            for (std::size_t i = 0; i < b; ++i) {
                const Tile& tile = tiles[t0 + i];
                acc[tile.slice].add(probs.data.data() + i * K * W * H, gauss, {W, H, 1}, tile.x0, tile.y0, 0);
            }
        }
        // Back onto the image's slice: probabilities interpolated at each pixel, then the label.
        std::vector<float> p(K);
        for (std::size_t s = 0; s < count; ++s) {
            acc[s].finish();
            std::uint8_t* out = labels.as<std::uint8_t>() + (first + s) * nx * ny;
            for (std::size_t y = 0; y < ny; ++y)
                for (std::size_t x = 0; x < nx; ++x) {
                    for (std::size_t c = 0; c < K; ++c)
                        p[c] = Resampling::sample3D(acc[s].sum.data() + c * tw * th, tw, th, 1, mapX[x],
                                                    mapY[y], 0);
                    out[y * nx + x] = map.label(p.data());
                }
            job.advance();
        }
    }
}

void SegmentationInference::patches(const ModelManifest& m, LoadedModel& model, int channels, int batch,
                                    const Volume& image, Volume& labels, JobContext& job) {
    job.setStage(JobStage::Preprocessing, 1);
    const IntensityNormalizer normalizer(m, image);
    const SliceSampler sampler(image, normalizer);
    const std::size_t nx = sampler.width(), ny = sampler.height(), nz = sampler.depth();
    const auto t = targetGrid(m, image.geometry(), 3);
    const std::size_t W = std::size_t(m.inputSize[0]), H = std::size_t(m.inputSize[1]),
                      D = std::size_t(m.inputSize[2]);
    const std::size_t C = std::size_t(m.channels), K = std::size_t(channels);
    // The image on the model's grid, interpolated slab by slab so no full-size float copy is made.
    std::vector<float> grid(t[0] * t[1] * t[2]);
    {
        std::vector<float> lower(nx * ny), upper(nx * ny);
        long lowerZ = -1, upperZ = -1;
        std::vector<float> plane(nx * ny);
        for (std::size_t z = 0; z < t[2]; ++z) {
            job.throwIfCancelled();
            const double sz = Resampling::sourceCoordinate(z, nz, t[2]);
            const long z0 = long(std::floor(sz)), z1 = std::min<long>(z0 + 1, long(nz) - 1);
            if (lowerZ != z0) {
                if (upperZ == z0)
                    std::swap(lower, upper), std::swap(lowerZ, upperZ);
                else
                    sampler.slice(z0, lower.data()), lowerZ = z0;
            }
            if (upperZ != z1) sampler.slice(z1, upper.data()), upperZ = z1;
            const float f = float(sz - double(z0));
            for (std::size_t i = 0; i < nx * ny; ++i)
                plane[i] = lower[i] * (1 - f) + upper[i] * f;
            Resampling::resize2D(plane.data(), nx, ny, grid.data() + z * t[0] * t[1], t[0], t[1]);
        }
    }
    job.advance();

    const auto xs = SlidingWindows::starts(t[0], W, m.overlap),
               ys = SlidingWindows::starts(t[1], H, m.overlap),
               zs = SlidingWindows::starts(t[2], D, m.overlap);
    const auto gauss = SlidingWindows::gaussianWeights({W, H, D});
    const ProbabilityMap map(m, channels);
    struct Window {
        std::size_t x0, y0, z0;
    };
    std::vector<Window> windows;
    for (std::size_t z0 : zs)
        for (std::size_t y0 : ys)
            for (std::size_t x0 : xs)
                windows.push_back({x0, y0, z0});
    Accumulator acc(t[0], t[1], t[2], K);
    job.setStage(JobStage::Inferring, windows.size());
    const std::size_t per = W * H * D;
    for (std::size_t w0 = 0; w0 < windows.size(); w0 += std::size_t(batch)) {
        job.throwIfCancelled();
        const std::size_t b = std::min<std::size_t>(std::size_t(batch), windows.size() - w0);
        Tensor input({std::int64_t(b), std::int64_t(C), std::int64_t(D), std::int64_t(H), std::int64_t(W)},
                     0.0f);
        for (std::size_t i = 0; i < b; ++i) {
            const Window& win = windows[w0 + i];
            for (std::size_t c = 0; c < C; ++c) {
                float* dst = input.data.data() + (i * C + c) * per;
                for (std::size_t z = 0; z < D && win.z0 + z < t[2]; ++z)
                    for (std::size_t y = 0; y < H && win.y0 + y < t[1]; ++y)
                        for (std::size_t x = 0; x < W && win.x0 + x < t[0]; ++x)
                            dst[(z * H + y) * W + x] =
                                grid[((win.z0 + z) * t[1] + win.y0 + y) * t[0] + win.x0 + x];
            }
        }
        const Tensor probs = probabilities(
            model, input, m,
            {std::int64_t(b), std::int64_t(K), std::int64_t(D), std::int64_t(H), std::int64_t(W)}, map, job);
        for (std::size_t i = 0; i < b; ++i) {
            acc.add(probs.data.data() + i * K * per, gauss, {W, H, D}, windows[w0 + i].x0, windows[w0 + i].y0,
                    windows[w0 + i].z0);
            job.advance();
        }
    }
    acc.finish();
    grid.clear();
    grid.shrink_to_fit();

    job.setStage(JobStage::Postprocessing, nz);
    std::vector<double> mapX(nx), mapY(ny);
    for (std::size_t x = 0; x < nx; ++x)
        mapX[x] = Resampling::sourceCoordinate(x, t[0], nx);
    for (std::size_t y = 0; y < ny; ++y)
        mapY[y] = Resampling::sourceCoordinate(y, t[1], ny);
    const std::size_t n = t[0] * t[1] * t[2];
    parallelFor(nz, job, [&](std::size_t z) {
        const double tz = Resampling::sourceCoordinate(z, t[2], nz);
        std::vector<float> p(K);
        std::uint8_t* out = labels.as<std::uint8_t>() + z * nx * ny;
        for (std::size_t y = 0; y < ny; ++y)
            for (std::size_t x = 0; x < nx; ++x) {
                for (std::size_t c = 0; c < K; ++c)
                    p[c] =
                        Resampling::sample3D(acc.sum.data() + c * n, t[0], t[1], t[2], mapX[x], mapY[y], tz);
                out[y * nx + x] = map.label(p.data());
            }
        job.advance();
    });
}

}  // namespace cadview
