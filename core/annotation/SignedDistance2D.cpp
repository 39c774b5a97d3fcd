#include "annotation/SignedDistance2D.h"

#include <cmath>
#include <limits>

namespace cadview {

namespace {

constexpr double kNone = std::numeric_limits<double>::infinity();

// 1D squared distance transform of samples f (kNone = no site), `n` of them `step` apart in memory and
// `spacing` mm apart: out[q] = min_p f[p] + ((q - p) * spacing)^2.
void transform1D(const double* f, std::size_t n, std::size_t step, double spacing, double* out,
                 std::vector<std::size_t>& v, std::vector<double>& z) {
    v.resize(n);
    z.resize(n + 1);
    long k = -1;
    for (std::size_t q = 0; q < n; ++q) {
        const double fq = f[q * step];
        if (fq == kNone) continue;
        const double pq = double(q) * spacing;
        double s = -kNone;
        while (k >= 0) {
            const std::size_t p = v[std::size_t(k)];
            const double pp = double(p) * spacing;
            s = ((fq + pq * pq) - (f[p * step] + pp * pp)) / (2.0 * (pq - pp));
            if (s <= z[std::size_t(k)]) {
                --k;
            } else {
                break;
            }
        }
        ++k;
        v[std::size_t(k)] = q;
        z[std::size_t(k)] = k == 0 ? -kNone : s;
        z[std::size_t(k) + 1] = kNone;
    }
    if (k < 0) {
        for (std::size_t q = 0; q < n; ++q)
            out[q * step] = kNone;
        return;
    }
    std::size_t j = 0;
    for (std::size_t q = 0; q < n; ++q) {
        const double pq = double(q) * spacing;
        while (z[j + 1] < pq)
            ++j;
        const double d = pq - double(v[j]) * spacing;
        out[q * step] = d * d + f[v[j] * step];
    }
}

// Squared distance (mm^2) from every pixel to the nearest pixel where site(value) holds.
template <typename Site>
std::vector<double> squaredDistance(const std::uint8_t* mask, std::size_t w, std::size_t h, double sx,
                                    double sy, Site site) {
    std::vector<double> f(w * h), g(w * h);
    for (std::size_t i = 0; i < w * h; ++i)
        f[i] = site(mask[i]) ? 0.0 : kNone;
    std::vector<std::size_t> v;
    std::vector<double> z;
    for (std::size_t y = 0; y < h; ++y)
        transform1D(f.data() + y * w, w, 1, sx, g.data() + y * w, v, z);
    for (std::size_t x = 0; x < w; ++x)
        transform1D(g.data() + x, h, w, sy, f.data() + x, v, z);
    return f;
}

}  // namespace

std::vector<float> SignedDistance2D::compute(const std::uint8_t* mask, std::size_t width, std::size_t height,
                                             double spacingColumn, double spacingRow) {
    const auto toInside = squaredDistance(mask, width, height, spacingColumn, spacingRow,
                                          [](std::uint8_t m) { return m != 0; });
    const auto toOutside = squaredDistance(mask, width, height, spacingColumn, spacingRow,
                                           [](std::uint8_t m) { return m == 0; });
    std::vector<float> out(width * height);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (mask[i])
            out[i] = toOutside[i] == kNone ? -far() : -float(std::sqrt(toOutside[i]));
        else
            out[i] = toInside[i] == kNone ? far() : float(std::sqrt(toInside[i]));
    }
    return out;
}

}  // namespace cadview
