#include "inference/SlidingWindows.h"

#include <algorithm>
#include <cmath>

namespace cadview {

std::vector<std::size_t> SlidingWindows::starts(std::size_t extent, std::size_t window, double overlap) {
    if (extent <= window) return {0};
    const std::size_t stride =
        std::max<std::size_t>(1, std::size_t(std::floor(double(window) * (1.0 - overlap))));
    std::vector<std::size_t> s;
    for (std::size_t p = 0; p + window < extent; p += stride)
        s.push_back(p);
    s.push_back(extent - window);
    return s;
}

std::vector<float> SlidingWindows::gaussianWeights(const std::array<std::size_t, 3>& window) {
    std::array<std::vector<double>, 3> axis;
    for (int a = 0; a < 3; ++a) {
        const std::size_t n = window[std::size_t(a)];
        const double centre = (double(n) - 1) / 2, sigma = std::max(1.0, double(n) / 8);
        for (std::size_t i = 0; i < n; ++i)
            axis[std::size_t(a)].push_back(std::exp(-0.5 * std::pow((double(i) - centre) / sigma, 2)));
    }
    std::vector<float> w(window[0] * window[1] * window[2]);
    for (std::size_t z = 0; z < window[2]; ++z)
        for (std::size_t y = 0; y < window[1]; ++y)
            for (std::size_t x = 0; x < window[0]; ++x)
                w[(z * window[1] + y) * window[0] + x] =
                    float(std::max(1e-3, axis[0][x] * axis[1][y] * axis[2][z]));
    return w;
}

}  // namespace cadview
