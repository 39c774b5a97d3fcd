#include "annotation/ScanlineRegion.h"

#include <algorithm>
#include <stdexcept>

#include "image/SliceCompositor.h"

namespace cadview {

ScanlineRegion::ScanlineRegion(const std::array<std::size_t, 3>& size, const Connectivity& connectivity)
    : size_(size) {
    gridStride_ = {1, size[0], std::uint64_t(size[0]) * size[1]};
    for (std::size_t a = 0; a < 3; ++a) {
        lo_[a] = 0;
        hi_[a] = size[a] == 0 ? 0 : size[a] - 1;
    }
    if (!connectivity.volume) {
        const int n = connectivity.normalAxis;
        if (n < 0 || n > 2) throw std::invalid_argument("ScanlineRegion: normal axis must be 0, 1 or 2");
        const auto inPlane = SliceCompositor::inPlaneAxes(n);
        scanAxis_ = inPlane[0];
        spreadAxes_ = {inPlane[1], inPlane[1]};
        spreadCount_ = 1;
        if (connectivity.slice) {
            if (*connectivity.slice >= size[std::size_t(n)])
                throw std::invalid_argument("ScanlineRegion: slice outside the grid");
            lo_[std::size_t(n)] = hi_[std::size_t(n)] = *connectivity.slice;
        }
    }
    const std::size_t w0 = hi_[0] - lo_[0] + 1, w1 = hi_[1] - lo_[1] + 1, w2 = hi_[2] - lo_[2] + 1;
    boxStride_ = {1, w0, std::uint64_t(w0) * w1};
    boxVoxels_ = size[0] * size[1] * size[2] == 0 ? 0 : w0 * w1 * w2;
    bits_.assign((boxVoxels_ + 63) / 64 + 1, 0);
}

bool ScanlineRegion::contains(const std::array<std::size_t, 3>& index) const {
    for (std::size_t a = 0; a < 3; ++a)
        if (index[a] < lo_[a] || index[a] > hi_[a] || index[a] >= size_[a]) return false;
    return true;
}

std::array<std::size_t, 3> ScanlineRegion::coords(std::uint64_t linear) const {
    return {std::size_t(linear % size_[0]), std::size_t((linear / size_[0]) % size_[1]),
            std::size_t(linear / gridStride_[2])};
}

std::uint64_t ScanlineRegion::boxIndex(std::uint64_t linear) const {
    const auto c = coords(linear);
    return (c[0] - lo_[0]) + (c[1] - lo_[1]) * boxStride_[1] + (c[2] - lo_[2]) * boxStride_[2];
}

bool ScanlineRegion::touchesBorder(const Span& span) const {
    const auto c = coords(span.start);
    const std::size_t s = std::size_t(scanAxis_);
    if (c[s] == lo_[s] || c[s] + span.length - 1 == hi_[s]) return true;
    for (int a = 0; a < spreadCount_; ++a) {
        const std::size_t axis = std::size_t(spreadAxes_[std::size_t(a)]);
        if (c[axis] == lo_[axis] || c[axis] == hi_[axis]) return true;
    }
    return false;
}

LabelEdit ScanlineRegion::paint(Volume& labels, std::vector<Span> spans, std::uint64_t stride,
                                const PaintRule& rule, std::string description) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("label maps are UInt8 with one component");
    if (stride != 1) {  // voxels of a span are not consecutive in memory: one span each
        std::vector<Span> single;
        for (const Span& s : spans)
            for (std::uint32_t k = 0; k < s.length; ++k)
                single.push_back({s.start + k * stride, 1});
        spans = std::move(single);
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    LabelEdit::Builder builder(labels.geometry().size);
    const std::uint8_t* v = labels.as<std::uint8_t>();
    std::uint64_t runStart = 0;
    std::uint32_t runLength = 0;
    std::uint8_t runBefore = 0;
    const auto flush = [&] {
        if (runLength) builder.addRun(runStart, runLength, runBefore, rule.value);
        runLength = 0;
    };
    for (const Span& s : spans)
        for (std::uint64_t i = s.start; i < s.start + s.length; ++i) {
            const std::uint8_t current = v[i];
            if (!rule.allows(std::size_t(i), current)) continue;
            if (runLength && i == runStart + runLength && current == runBefore && runLength < 0xffffffffu) {
                ++runLength;
            } else {
                flush();
                runStart = i;
                runLength = 1;
                runBefore = current;
            }
        }
    flush();
    LabelEdit edit = builder.finish(std::move(description));
    edit.apply(labels);
    return edit;
}

}  // namespace cadview
