#include "inference/Resampling.h"

#include <algorithm>
#include <cmath>

namespace cadview {

float Resampling::sample3D(const float* src, std::size_t w, std::size_t h, std::size_t d, double x, double y,
                           double z) {
    const std::size_t x0 = std::size_t(std::floor(x)), y0 = std::size_t(std::floor(y)),
                      z0 = std::size_t(std::floor(z));
    const std::size_t x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1),
                      z1 = std::min(z0 + 1, d - 1);
    const double fx = x - double(x0), fy = y - double(y0), fz = z - double(z0);
    auto at = [&](std::size_t xi, std::size_t yi, std::size_t zi) {
        return double(src[(zi * h + yi) * w + xi]);
    };
    const double c00 = at(x0, y0, z0) * (1 - fx) + at(x1, y0, z0) * fx;
    const double c10 = at(x0, y1, z0) * (1 - fx) + at(x1, y1, z0) * fx;
    const double c01 = at(x0, y0, z1) * (1 - fx) + at(x1, y0, z1) * fx;
    const double c11 = at(x0, y1, z1) * (1 - fx) + at(x1, y1, z1) * fx;
    const double c0 = c00 * (1 - fy) + c10 * fy, c1 = c01 * (1 - fy) + c11 * fy;
    return float(c0 * (1 - fz) + c1 * fz);
}

void Resampling::resize2D(const float* src, std::size_t w, std::size_t h, float* dst, std::size_t ow,
                          std::size_t oh) {
    resize3D(src, w, h, 1, dst, ow, oh, 1);
}

void Resampling::resize3D(const float* src, std::size_t w, std::size_t h, std::size_t d, float* dst,
                          std::size_t ow, std::size_t oh, std::size_t od) {
    for (std::size_t z = 0; z < od; ++z) {
        const double sz = sourceCoordinate(z, d, od);
        for (std::size_t y = 0; y < oh; ++y) {
            const double sy = sourceCoordinate(y, h, oh);
            float* row = dst + (z * oh + y) * ow;
            for (std::size_t x = 0; x < ow; ++x)
                row[x] = sample3D(src, w, h, d, sourceCoordinate(x, w, ow), sy, sz);
        }
    }
}

}  // namespace cadview
