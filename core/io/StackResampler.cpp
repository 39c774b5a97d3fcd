#include "io/StackResampler.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

template <typename T>
T toPixel(double v) {
    if constexpr (std::numeric_limits<T>::is_integer) {
        v = std::round(v);
        v = std::clamp(v, double(std::numeric_limits<T>::lowest()), double(std::numeric_limits<T>::max()));
    }
    return T(v);
}

template <typename T>
void resampleTyped(const Volume& stack, const SliceStack& layout, Volume& out, JobContext& job) {
    const ImageGeometry& in = stack.geometry();
    const ImageGeometry& g = out.geometry();
    const std::size_t nx = in.size[0], ny = in.size[1], nc = std::size_t(stack.components());
    const T* src = stack.as<T>();
    T* dst = out.as<T>();
    const std::size_t total = in.voxelCount() * nc;
    const double pad = total ? double(*std::min_element(src, src + total)) : 0.0;

    // Output grid origin relative to the first input slice, in its row/column frame.
    const Vec3 shift = g.origin - in.origin;
    const double originRow = dot(shift, layout.rowDirection), originCol = dot(shift, layout.columnDirection);
    const double sx = in.spacing[0], sy = in.spacing[1];

    // Bilinear sample of component c of input slice s at continuous index (x, y); outside taps = pad.
    auto sample = [&](std::size_t s, double x, double y, std::size_t c) {
        const double fx = std::floor(x), fy = std::floor(y);
        const long x0 = long(fx), y0 = long(fy);
        const double ax = x - fx, ay = y - fy;
        const T* slice = src + s * nx * ny * nc;
        auto at = [&](long xi, long yi) {
            if (xi < 0 || yi < 0 || xi >= long(nx) || yi >= long(ny)) return pad;
            return double(slice[(std::size_t(yi) * nx + std::size_t(xi)) * nc + c]);
        };
        double v = at(x0, y0) * (1 - ax) * (1 - ay);
        if (ax > 0) v += at(x0 + 1, y0) * ax * (1 - ay);
        if (ay > 0) v += at(x0, y0 + 1) * (1 - ax) * ay;
        if (ax > 0 && ay > 0) v += at(x0 + 1, y0 + 1) * ax * ay;
        return v;
    };

    const auto& pos = layout.positions;
    job.setStage(JobStage::Resampling, g.size[2]);
    parallelFor(g.size[2], job, [&](std::size_t k) {
        const double d = pos.front() + double(k) * g.spacing[2];
        std::size_t a = std::size_t(std::upper_bound(pos.begin(), pos.end(), d + 1e-6) - pos.begin());
        a = a == 0 ? 0 : a - 1;
        const std::size_t b = std::min(a + 1, pos.size() - 1);
        const double w = b == a ? 0.0 : std::clamp((d - pos[a]) / (pos[b] - pos[a]), 0.0, 1.0);
        T* outSlice = dst + k * g.size[0] * g.size[1] * nc;
        for (std::size_t y = 0; y < g.size[1]; ++y) {
            const double V = originCol + double(y) * g.spacing[1];
            const double ya = (V - layout.offsetCol[a]) / sy, yb = (V - layout.offsetCol[b]) / sy;
            for (std::size_t x = 0; x < g.size[0]; ++x) {
                const double U = originRow + double(x) * g.spacing[0];
                const double xa = (U - layout.offsetRow[a]) / sx, xb = (U - layout.offsetRow[b]) / sx;
                for (std::size_t c = 0; c < nc; ++c) {
                    double v = sample(a, xa, ya, c);
                    if (w > 0) v = v * (1 - w) + sample(b, xb, yb, c) * w;
                    outSlice[(y * g.size[0] + x) * nc + c] = toPixel<T>(v);
                }
            }
        }
        job.advance();
    });
}

}  // namespace

Volume StackResampler::resample(const Volume& stack, const SliceStack& layout, JobContext& job) {
    Volume out(layout.regularGeometry, stack.pixelType(), stack.components());
    out.info() = stack.info();
    out.diagnostics() = stack.diagnostics();
    dispatchPixelType(stack.pixelType(),
                      [&](auto v) { resampleTyped<decltype(v)>(stack, layout, out, job); });
    return out;
}

}  // namespace cadview
