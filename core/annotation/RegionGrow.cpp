#include "annotation/RegionGrow.h"

#include <stdexcept>
#include <vector>

#include "annotation/ScanlineRegion.h"

namespace cadview {

namespace {

// Grows from the seed with `member`, then paints the region (unless it grew past the limit).
template <typename Member>
RegionGrow::Result growAndPaint(Volume& labels, ScanlineRegion& region, std::uint64_t seed,
                                const Member& member, const RegionGrow::Options& options,
                                const PaintRule& rule, const JobContext* job) {
    RegionGrow::Result result;
    std::vector<ScanlineRegion::Span> spans;
    std::size_t found = 0;
    result.regionVoxels = region.grow(
        seed, member,
        [&](const ScanlineRegion::Span& s) {
            spans.push_back(s);
            found += s.length;
            if (options.maxVoxels != 0 && found > options.maxVoxels) {
                result.limitReached = true;
                return false;
            }
            return true;
        },
        job);
    if (result.limitReached || spans.empty()) return result;
    result.edit = ScanlineRegion::paint(labels, std::move(spans), region.stride(), rule,
                                        options.sameLabel ? "Flood fill" : "Region growing");
    return result;
}

}  // namespace

RegionGrow::Result RegionGrow::grow(Volume& labels, const std::array<std::size_t, 3>& seed,
                                    const Options& options, const PaintRule& rule, const JobContext* job) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("RegionGrow: label maps are UInt8 with one component");
    const auto& size = labels.geometry().size;
    if (seed[0] >= size[0] || seed[1] >= size[1] || seed[2] >= size[2])
        throw std::invalid_argument("RegionGrow: seed outside the label map");
    if (options.image && options.image->geometry().size != size)
        throw std::invalid_argument("RegionGrow: image and label map are on different grids");

    if (job) job->throwIfCancelled();
    Connectivity c = options.connectivity;
    if (!c.volume) {
        if (c.normalAxis < 0 || c.normalAxis > 2) throw std::invalid_argument("RegionGrow: bad normal axis");
        c.slice = seed[std::size_t(c.normalAxis)];
    }
    ScanlineRegion region(size, c);
    const std::uint64_t seedIndex = seed[0] + seed[1] * size[0] + std::uint64_t(seed[2]) * size[0] * size[1];
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    const std::uint8_t seedLabel = lab[seedIndex];
    const bool sameLabel = options.sameLabel;
    const auto labelOk = [&](std::uint64_t i) {
        const std::uint8_t v = lab[i];
        return !rule.locked[v] && (!sameLabel || v == seedLabel);
    };
    if (!options.image) return growAndPaint(labels, region, seedIndex, labelOk, options, rule, job);
    const std::size_t comps = std::size_t(options.image->components());
    const double low = options.low, high = options.high;
    return dispatchPixelType(options.image->pixelType(), [&](auto zero) {
        using T = decltype(zero);
        const T* px = options.image->as<T>();
        const auto member = [&](std::uint64_t i) {
            const double v = double(px[i * comps]);
            return v >= low && v <= high && labelOk(i);
        };
        return growAndPaint(labels, region, seedIndex, member, options, rule, job);
    });
}

}  // namespace cadview
