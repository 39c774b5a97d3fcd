#include "annotation/PolygonFill.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "image/SliceCompositor.h"

namespace cadview {

namespace {

struct Crossing {
    double x;
    int winding;  // +1 for an edge going down (row increasing), -1 going up
};

}  // namespace

void PolygonFill::spans(const std::vector<Point>& polygon, std::size_t width, std::size_t height,
                        FillRule fillRule, const SpanFunction& f) {
    const std::size_t n = polygon.size();
    if (n < 3 || width == 0 || height == 0) return;
    double minRow = polygon[0][1], maxRow = polygon[0][1];
    for (const Point& p : polygon) {
        minRow = std::min(minRow, p[1]);
        maxRow = std::max(maxRow, p[1]);
    }
    // Rows whose centre lies in [minRow, maxRow) can be crossed (edges are half-open in rows).
    const double firstRow = std::max(0.0, std::ceil(minRow));
    const double lastRow = std::min(double(height) - 1.0, std::ceil(maxRow) - 1.0);
    std::vector<Crossing> crossings;
    for (double r = firstRow; r <= lastRow; r += 1.0) {
        crossings.clear();
        for (std::size_t k = 0; k < n; ++k) {
            const Point& a = polygon[k];
            const Point& b = polygon[(k + 1) % n];
            if (a[1] == b[1]) continue;  // horizontal edges never cross a row
            const bool down = b[1] > a[1];
            const double top = down ? a[1] : b[1], bottom = down ? b[1] : a[1];
            if (r < top || r >= bottom) continue;
            const double x = a[0] + (r - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
            crossings.push_back({x, down ? 1 : -1});
        }
        std::sort(crossings.begin(), crossings.end(),
                  [](const Crossing& c, const Crossing& d) { return c.x < d.x; });
        // Pixels whose centre c satisfies from <= c < to are inside.
        const auto emit = [&](double from, double to) {
            const double first = std::max(0.0, std::ceil(from));
            const double last = std::min(double(width) - 1.0, std::ceil(to) - 1.0);
            if (first <= last) f(std::size_t(r), std::size_t(first), std::size_t(last));
        };
        int winding = 0;
        for (std::size_t k = 0; k < crossings.size(); ++k) {
            const int before = winding;
            winding = fillRule == FillRule::EvenOdd ? (winding + 1) % 2 : winding + crossings[k].winding;
            if (before == 0 && winding != 0) {
                // Find where the winding returns to zero.
                std::size_t e = k + 1;
                for (; e < crossings.size(); ++e) {
                    winding =
                        fillRule == FillRule::EvenOdd ? (winding + 1) % 2 : winding + crossings[e].winding;
                    if (winding == 0) break;
                }
                if (e < crossings.size()) emit(crossings[k].x, crossings[e].x);
                k = e;
            }
        }
    }
}

std::size_t PolygonFill::fill(LabelEditRecorder& recorder, const PaintRule& rule, int normalAxis,
                              std::size_t index, const std::vector<Point>& polygon, FillRule fillRule) {
    if (normalAxis < 0 || normalAxis > 2) throw std::invalid_argument("PolygonFill: bad normal axis");
    const auto& size = recorder.geometry().size;
    if (index >= size[std::size_t(normalAxis)]) throw std::invalid_argument("PolygonFill: slice outside");
    const auto axes = SliceCompositor::inPlaneAxes(normalAxis);
    const std::size_t width = size[std::size_t(axes[0])], height = size[std::size_t(axes[1])];
    const std::uint8_t* lab = recorder.labels().as<std::uint8_t>();
    const std::size_t nx = size[0], nxy = size[0] * size[1];
    std::size_t changed = 0;
    spans(polygon, width, height, fillRule, [&](std::size_t row, std::size_t first, std::size_t last) {
        std::array<std::size_t, 3> c{};
        c[std::size_t(normalAxis)] = index;
        c[std::size_t(axes[1])] = row;
        if (normalAxis != 0) {  // the span runs along x: one label map row
            c[0] = first;
            const std::size_t base = c[1] * nx + c[2] * nxy;
            std::uint8_t* out = nullptr;
            for (std::size_t x = first; x <= last; ++x) {
                if (!rule.allows(base + x, lab[base + x])) continue;
                if (!out) out = recorder.row(c[1], c[2]);
                out[x] = rule.value;
                ++changed;
            }
            return;
        }
        for (std::size_t y = first; y <= last; ++y) {  // across x: one voxel of each row
            const std::size_t i = index + y * nx + row * nxy;
            if (!rule.allows(i, lab[i])) continue;
            recorder.row(y, row)[index] = rule.value;
            ++changed;
        }
    });
    return changed;
}

}  // namespace cadview
