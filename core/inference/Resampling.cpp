#include "inference/Resampling.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace cadview {

namespace {

// Where output index i reads along one axis: the two input indices and the weight of the second.
struct Tap {
    std::size_t i0, i1;
    double f;
};

std::vector<Tap> tapsFor(std::size_t in, std::size_t out) {
    std::vector<Tap> taps(out);
    for (std::size_t i = 0; i < out; ++i) {
        const double c = Resampling::sourceCoordinate(i, in, out);
        const std::size_t i0 = std::size_t(std::floor(c));
        taps[i] = {i0, std::min(i0 + 1, in - 1), c - double(i0)};
    }
    return taps;
}

// One input row interpolated along x, in double as sample3D() does.
void interpolateRow(const float* row, const std::vector<Tap>& tx, double* out) {
    for (std::size_t x = 0; x < tx.size(); ++x)
        out[x] = double(row[tx[x].i0]) * (1 - tx[x].f) + double(row[tx[x].i1]) * tx[x].f;
}

}  // namespace

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
    // Separable: each input row is interpolated along x once (consecutive output rows mostly share their
    // two input rows), then rows are blended along y. The same arithmetic as sample3D(), value for value.
    const std::vector<Tap> tx = tapsFor(w, ow), ty = tapsFor(h, oh);
    std::vector<double> upper(ow), lower(ow);
    std::size_t upperRow = h, lowerRow = h;  // h: none yet
    for (std::size_t y = 0; y < oh; ++y) {
        const Tap& t = ty[y];
        if (upperRow != t.i0) {
            if (lowerRow == t.i0) {
                std::swap(upper, lower);
                std::swap(upperRow, lowerRow);
            } else {
                interpolateRow(src + t.i0 * w, tx, upper.data());
                upperRow = t.i0;
            }
        }
        if (lowerRow != t.i1) {
            interpolateRow(src + t.i1 * w, tx, lower.data());
            lowerRow = t.i1;
        }
        float* row = dst + y * ow;
        for (std::size_t x = 0; x < ow; ++x)
            row[x] = float(upper[x] * (1 - t.f) + lower[x] * t.f);
    }
}

void Resampling::resize3D(const float* src, std::size_t w, std::size_t h, std::size_t d, float* dst,
                          std::size_t ow, std::size_t oh, std::size_t od) {
    const std::vector<Tap> tx = tapsFor(w, ow), ty = tapsFor(h, oh), tz = tapsFor(d, od);
    std::vector<double> r00(ow), r10(ow), r01(ow), r11(ow);
    for (std::size_t z = 0; z < od; ++z) {
        const Tap& c = tz[z];
        for (std::size_t y = 0; y < oh; ++y) {
            const Tap& b = ty[y];
            interpolateRow(src + (c.i0 * h + b.i0) * w, tx, r00.data());
            interpolateRow(src + (c.i0 * h + b.i1) * w, tx, r10.data());
            interpolateRow(src + (c.i1 * h + b.i0) * w, tx, r01.data());
            interpolateRow(src + (c.i1 * h + b.i1) * w, tx, r11.data());
            float* row = dst + (z * oh + y) * ow;
            for (std::size_t x = 0; x < ow; ++x) {
                const double c0 = r00[x] * (1 - b.f) + r10[x] * b.f, c1 = r01[x] * (1 - b.f) + r11[x] * b.f;
                row[x] = float(c0 * (1 - c.f) + c1 * c.f);
            }
        }
    }
}

}  // namespace cadview
