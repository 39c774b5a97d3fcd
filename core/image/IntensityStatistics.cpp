#include "image/IntensityStatistics.h"

#include <algorithm>
#include <cmath>

namespace cadview {

namespace {
constexpr std::size_t kSampleTarget = 2'000'000;

template <typename T>
std::vector<double> sample(const Volume& v) {
    const std::size_t n = v.voxelCount(), c = std::size_t(v.components());
    const std::size_t stride = std::max<std::size_t>(1, n / kSampleTarget);
    std::vector<double> out;
    out.reserve(n / stride + 1);
    const T* p = v.as<T>();
    for (std::size_t i = 0; i < n; i += stride)
        out.push_back(double(p[i * c]));
    return out;
}
}  // namespace

std::vector<double> IntensityStatistics::percentiles(const Volume& volume,
                                                     const std::vector<double>& fractions) {
    std::vector<double> result(fractions.size(), 0.0);
    if (volume.empty() || volume.voxelCount() == 0) return result;
    std::vector<double> values =
        dispatchPixelType(volume.pixelType(), [&](auto t) { return sample<decltype(t)>(volume); });
    for (std::size_t k = 0; k < fractions.size(); ++k) {
        const double f = std::clamp(fractions[k], 0.0, 1.0);
        const std::size_t idx =
            std::min(values.size() - 1, std::size_t(std::llround(f * double(values.size() - 1))));
        std::nth_element(values.begin(), values.begin() + long(idx), values.end());
        result[k] = values[idx];
    }
    return result;
}

IntensityStatistics::Range IntensityStatistics::range(const Volume& volume) {
    if (volume.empty() || volume.voxelCount() == 0) return {};
    return dispatchPixelType(volume.pixelType(), [&](auto t) {
        using T = decltype(t);
        const T* p = volume.as<T>();
        const std::size_t n = volume.voxelCount() * std::size_t(volume.components());
        const auto [lo, hi] = std::minmax_element(p, p + n);
        return Range{double(*lo), double(*hi)};
    });
}

IntensityStatistics::MeanAndDeviation IntensityStatistics::meanAndDeviation(const Volume& volume) {
    if (volume.empty() || volume.voxelCount() == 0) return {};
    return dispatchPixelType(volume.pixelType(), [&](auto t) {
        using T = decltype(t);
        const T* p = volume.as<T>();
        const std::size_t n = volume.voxelCount(), c = std::size_t(volume.components());
        double sum = 0, sum2 = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = double(p[i * c]);
            sum += v;
            sum2 += v * v;
        }
        const double mean = sum / double(n);
        return MeanAndDeviation{mean, std::sqrt(std::max(0.0, sum2 / double(n) - mean * mean))};
    });
}

}  // namespace cadview
