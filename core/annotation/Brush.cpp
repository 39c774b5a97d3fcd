#include "annotation/Brush.h"

#include <algorithm>
#include <cmath>

namespace cadview {

std::size_t Brush::dab(LabelEditRecorder& recorder, const Vec3& center, const BrushShape& shape,
                       const PaintRule& rule) {
    const ImageGeometry& g = recorder.geometry();
    const std::array<long, 3> size{long(g.size[0]), long(g.size[1]), long(g.size[2])};
    const std::array<long, 3> nearest{std::lround(center[0]), std::lround(center[1]), std::lround(center[2])};
    auto flat = [&](int a) { return !shape.sphere && a == shape.normalAxis; };
    // Index box around the centre; it always holds the voxel under the centre.
    std::array<long, 3> lo{}, hi{};
    for (int a = 0; a < 3; ++a) {
        const double reach = flat(a) ? 0.0 : shape.radiusMm / g.spacing[a];
        lo[a] = flat(a) ? nearest[a] : std::min(nearest[a], long(std::ceil(center[a] - reach - 1e-9)));
        hi[a] = flat(a) ? nearest[a] : std::max(nearest[a], long(std::floor(center[a] + reach + 1e-9)));
        lo[a] = std::max(0L, lo[a]);
        hi[a] = std::min(size[a] - 1, hi[a]);
        if (lo[a] > hi[a]) return 0;
    }
    const double r2 = shape.radiusMm * shape.radiusMm;
    auto distance2 = [&](int a, long i) {
        if (flat(a)) return 0.0;
        const double d = (double(i) - center[a]) * g.spacing[a];
        return d * d;
    };
    const std::uint8_t* labels = recorder.labels().as<std::uint8_t>();
    std::size_t changed = 0;
    for (long z = lo[2]; z <= hi[2]; ++z) {
        for (long y = lo[1]; y <= hi[1]; ++y) {
            const double dyz = distance2(2, z) + distance2(1, y);
            const bool centreRow = y == nearest[1] && z == nearest[2];
            if (dyz > r2 && !centreRow) continue;
            const std::size_t rowStart =
                std::size_t(size[0]) * (std::size_t(y) + std::size_t(size[1]) * std::size_t(z));
            std::uint8_t* row = nullptr;
            for (long x = lo[0]; x <= hi[0]; ++x) {
                if (dyz + distance2(0, x) > r2 && !(centreRow && x == nearest[0])) continue;
                const std::size_t index = rowStart + std::size_t(x);
                if (!rule.allows(index, labels[index])) continue;
                if (!row) row = recorder.row(std::size_t(y), std::size_t(z));
                row[x] = rule.value;
                ++changed;
            }
        }
    }
    return changed;
}

std::size_t Brush::line(LabelEditRecorder& recorder, const Vec3& from, const Vec3& to,
                        const BrushShape& shape, const PaintRule& rule) {
    const ImageGeometry& g = recorder.geometry();
    double lengthMm = 0;
    for (std::size_t a = 0; a < 3; ++a) {
        const double d = (to[a] - from[a]) * g.spacing[a];
        lengthMm += d * d;
    }
    lengthMm = std::sqrt(lengthMm);
    const double minSpacing = std::min({g.spacing[0], g.spacing[1], g.spacing[2]});
    const double step = std::max(minSpacing * 0.5, shape.radiusMm * 0.5);
    const int steps = std::max(1, int(std::ceil(lengthMm / step)));
    std::size_t changed = 0;
    for (int i = 1; i <= steps; ++i) {
        const double t = double(i) / steps;
        changed += dab(recorder,
                       {from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1]),
                        from[2] + t * (to[2] - from[2])},
                       shape, rule);
    }
    return changed;
}

}  // namespace cadview
