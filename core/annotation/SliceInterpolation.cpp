#include "annotation/SliceInterpolation.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "annotation/SignedDistance2D.h"
#include "image/SliceCompositor.h"
#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

// In-plane bounding box (inclusive) of the label on one slice.
struct Box {
    std::size_t u0 = 0, u1 = 0, v0 = 0, v1 = 0;
    bool empty = true;
    void add(std::size_t u, std::size_t v) {
        if (empty) {
            u0 = u1 = u;
            v0 = v1 = v;
            empty = false;
            return;
        }
        u0 = std::min(u0, u);
        u1 = std::max(u1, u);
        v0 = std::min(v0, v);
        v1 = std::max(v1, v);
    }
    void add(const Box& b) {
        if (b.empty) return;
        add(b.u0, b.v0);
        add(b.u1, b.v1);
    }
};

struct Layout {
    std::size_t n, a0, a1;  // normal and in-plane axes
    std::array<std::size_t, 3> size;
    std::array<std::size_t, 3> stride;
    std::size_t at(std::size_t u, std::size_t v, std::size_t k) const {
        return u * stride[a0] + v * stride[a1] + k * stride[n];
    }
};

Layout layoutOf(const Volume& labels, int normalAxis) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("SliceInterpolation: label maps are UInt8 with one component");
    if (normalAxis < 0 || normalAxis > 2) throw std::invalid_argument("SliceInterpolation: bad normal axis");
    const auto axes = SliceCompositor::inPlaneAxes(normalAxis);
    const auto& s = labels.geometry().size;
    return {std::size_t(normalAxis), std::size_t(axes[0]), std::size_t(axes[1]), s, {1, s[0], s[0] * s[1]}};
}

// Bounding box of the label on every slice across the normal axis (one pass over the volume).
std::vector<Box> slicesBoxes(const Volume& labels, std::uint8_t label, const Layout& l) {
    std::vector<Box> boxes(l.size[l.n]);
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    const std::size_t nx = l.size[0];
    for (std::size_t z = 0; z < l.size[2]; ++z)
        for (std::size_t y = 0; y < l.size[1]; ++y) {
            const std::uint8_t* row = lab + (z * l.size[1] + y) * nx;
            const void* hit = std::memchr(row, label, nx);
            if (!hit) continue;
            for (std::size_t x = std::size_t(static_cast<const std::uint8_t*>(hit) - row); x < nx; ++x) {
                if (row[x] != label) continue;
                const std::array<std::size_t, 3> c{x, y, z};
                boxes[c[l.n]].add(c[l.a0], c[l.a1]);
            }
        }
    return boxes;
}

// Slices (a, b) to interpolate between, and the slices [from, to] of it one work item fills.
struct WorkItem {
    std::size_t a, b, from, to;
    Box box;  // in-plane, the union of both drawn slices' boxes plus one pixel
};

// The label on slice k within `box` as a mask.
std::vector<std::uint8_t> maskOf(const std::uint8_t* lab, std::uint8_t label, const Layout& l, const Box& box,
                                 std::size_t k) {
    const std::size_t w = box.u1 - box.u0 + 1, h = box.v1 - box.v0 + 1;
    std::vector<std::uint8_t> m(w * h);
    for (std::size_t v = 0; v < h; ++v)
        for (std::size_t u = 0; u < w; ++u)
            m[v * w + u] = lab[l.at(box.u0 + u, box.v0 + v, k)] == label;
    return m;
}

void interpolateItem(std::uint8_t* lab, const Layout& l, const ImageGeometry& g, const PaintRule& rule,
                     const WorkItem& item) {
    const Box& box = item.box;
    const std::size_t w = box.u1 - box.u0 + 1, h = box.v1 - box.v0 + 1;
    const double su = g.spacing[l.a0], sv = g.spacing[l.a1];
    const auto maskA = maskOf(lab, rule.value, l, box, item.a);
    const auto maskB = maskOf(lab, rule.value, l, box, item.b);
    const auto dA = SignedDistance2D::compute(maskA.data(), w, h, su, sv);
    const auto dB = SignedDistance2D::compute(maskB.data(), w, h, su, sv);
    for (std::size_t k = item.from; k <= item.to; ++k) {
        const float t = float(double(k - item.a) / double(item.b - item.a));
        for (std::size_t v = 0; v < h; ++v)
            for (std::size_t u = 0; u < w; ++u) {
                const std::size_t p = v * w + u;
                if ((1.0f - t) * dA[p] + t * dB[p] >= 0.0f) continue;
                const std::size_t i = l.at(box.u0 + u, box.v0 + v, k);
                if (rule.allows(i, lab[i])) lab[i] = rule.value;
            }
    }
}

}  // namespace

std::vector<std::size_t> SliceInterpolation::drawnSlices(const Volume& labels, std::uint8_t label,
                                                         int normalAxis) {
    const Layout l = layoutOf(labels, normalAxis);
    const auto boxes = slicesBoxes(labels, label, l);
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < boxes.size(); ++k)
        if (!boxes[k].empty) out.push_back(k);
    return out;
}

LabelEdit SliceInterpolation::interpolate(Volume& labels, const PaintRule& rule, int normalAxis,
                                          JobContext* job, unsigned threads) {
    const Layout l = layoutOf(labels, normalAxis);
    if (rule.value == 0) throw std::invalid_argument("SliceInterpolation: the rule's value must be a label");
    LabelEdit::Builder builder(l.size);
    const auto boxes = slicesBoxes(labels, rule.value, l);
    std::vector<std::size_t> drawn;
    for (std::size_t k = 0; k < boxes.size(); ++k)
        if (!boxes[k].empty) drawn.push_back(k);

    // Pairs of consecutive drawn slices with a gap; each split in chunks so both cores work on one gap.
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    std::size_t pairs = 0;
    for (std::size_t d = 1; d < drawn.size(); ++d)
        pairs += drawn[d] - drawn[d - 1] > 1;
    std::vector<WorkItem> items;
    Box all;
    const std::size_t width = l.size[l.a0], height = l.size[l.a1];
    for (std::size_t d = 1; d < drawn.size(); ++d) {
        const std::size_t a = drawn[d - 1], b = drawn[d];
        if (b - a < 2) continue;
        Box box = boxes[a];
        box.add(boxes[b]);
        box.u0 = box.u0 > 0 ? box.u0 - 1 : 0;
        box.v0 = box.v0 > 0 ? box.v0 - 1 : 0;
        box.u1 = std::min(box.u1 + 1, width - 1);
        box.v1 = std::min(box.v1 + 1, height - 1);
        all.add(box);
        const std::size_t gap = b - a - 1;
        const std::size_t chunks = std::min(gap, pairs >= threads ? 1 : (threads + pairs - 1) / pairs);
        for (std::size_t c = 0; c < chunks; ++c)
            items.push_back({a, b, a + 1 + c * gap / chunks, a + (c + 1) * gap / chunks, box});
    }
    if (items.empty()) return builder.finish("Interpolate slices");

    // The block that may change, saved so the edit can be built (and a cancelled run undone).
    std::array<std::size_t, 3> lo{}, hi{};
    lo[l.n] = drawn.front() + 1;
    hi[l.n] = drawn.back() - 1;
    lo[l.a0] = all.u0;
    hi[l.a0] = all.u1;
    lo[l.a1] = all.v0;
    hi[l.a1] = all.v1;
    const std::size_t rowLength = hi[0] - lo[0] + 1;
    std::uint8_t* lab = labels.as<std::uint8_t>();
    std::vector<std::uint8_t> before((hi[2] - lo[2] + 1) * (hi[1] - lo[1] + 1) * rowLength);
    const auto forEachRow = [&](auto&& f) {
        std::size_t offset = 0;
        for (std::size_t z = lo[2]; z <= hi[2]; ++z)
            for (std::size_t y = lo[1]; y <= hi[1]; ++y, offset += rowLength)
                f(lo[0] + y * l.stride[1] + z * l.stride[2], before.data() + offset);
    };
    forEachRow([&](std::size_t start, std::uint8_t* saved) { std::memcpy(saved, lab + start, rowLength); });

    JobContext ownJob;
    JobContext& context = job ? *job : ownJob;
    try {
        parallelFor(
            items.size(), context,
            [&](std::size_t i) { interpolateItem(lab, l, labels.geometry(), rule, items[i]); }, threads);
    } catch (...) {
        forEachRow(
            [&](std::size_t start, std::uint8_t* saved) { std::memcpy(lab + start, saved, rowLength); });
        throw;
    }
    forEachRow([&](std::size_t start, std::uint8_t* saved) {
        builder.addDifference(start, saved, lab + start, rowLength);
    });
    return builder.finish("Interpolate slices");
}

}  // namespace cadview
