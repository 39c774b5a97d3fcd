#include "image/VolumeDownsampler.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

template <typename T>
void halveTyped(const Volume& in, Volume& out, const std::array<std::size_t, 3>& factor) {
    const auto& si = in.geometry().size;
    const auto& so = out.geometry().size;
    const T* src = in.as<T>();
    T* dst = out.as<T>();
    JobContext job;
    parallelFor(so[2], job, [&](std::size_t z) {
        // The (up to) 2 x 2 input rows behind each output row; edges of odd sizes repeat the last one.
        const std::size_t z0 = z * factor[2], z1 = std::min(z0 + factor[2] - 1, si[2] - 1);
        const double norm = 1.0 / double(factor[0] * factor[1] * factor[2]);
        for (std::size_t y = 0; y < so[1]; ++y) {
            const std::size_t y0 = y * factor[1], y1 = std::min(y0 + factor[1] - 1, si[1] - 1);
            const T* rows[4] = {src + (z0 * si[1] + y0) * si[0], src + (z0 * si[1] + y1) * si[0],
                                src + (z1 * si[1] + y0) * si[0], src + (z1 * si[1] + y1) * si[0]};
            T* o = dst + (z * so[1] + y) * so[0];
            for (std::size_t x = 0; x < so[0]; ++x) {
                const std::size_t x0 = x * factor[0], x1 = std::min(x0 + factor[0] - 1, si[0] - 1);
                double sum = 0;
                for (const T* r : rows)
                    sum += double(r[x0]) + (factor[0] == 2 ? double(r[x1]) : 0.0);
                // Rows counted twice when an axis has size 1 or an odd edge: the mean is unchanged.
                double mean = sum * norm * double(factor[1] * factor[2]) / 4.0;
                if constexpr (std::is_integral_v<T>) mean = std::round(mean);
                o[x] = T(mean);
            }
        }
    });
}

}  // namespace

Volume VolumeDownsampler::halve(const Volume& volume) {
    ImageGeometry g = volume.geometry();
    std::array<std::size_t, 3> factor{};
    for (int a = 0; a < 3; ++a) {
        factor[std::size_t(a)] = g.size[std::size_t(a)] > 1 ? 2 : 1;
        g.size[std::size_t(a)] =
            (g.size[std::size_t(a)] + factor[std::size_t(a)] - 1) / factor[std::size_t(a)];
    }
    // The first output voxel averages input voxels 0 and 1: its centre is half a voxel in.
    g.origin = volume.geometry().indexToPhysical(
        {factor[0] == 2 ? 0.5 : 0.0, factor[1] == 2 ? 0.5 : 0.0, factor[2] == 2 ? 0.5 : 0.0});
    for (int a = 0; a < 3; ++a)
        g.spacing[std::size_t(a)] *= double(factor[std::size_t(a)]);
    Volume out(g, volume.pixelType(), 1);
    out.info() = volume.info();
    dispatchPixelType(volume.pixelType(), [&](auto t) { halveTyped<decltype(t)>(volume, out, factor); });
    return out;
}

Volume VolumeDownsampler::withinBudget(const Volume& volume, std::size_t maxBytes) {
    if (volume.components() != 1 || volume.bytes() <= maxBytes) return volume;
    Volume v = halve(volume);
    while (v.bytes() > maxBytes && v.voxelCount() > 1)
        v = halve(v);
    return v;
}

}  // namespace cadview
