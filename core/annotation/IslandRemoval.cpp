#include "annotation/IslandRemoval.h"

#include <map>
#include <stdexcept>
#include <vector>

#include "annotation/ScanlineRegion.h"

namespace cadview {

namespace {

struct Component {
    std::vector<ScanlineRegion::Span> spans;
    std::size_t voxels = 0;
    std::size_t slice = 0;  // index across the normal axis (2D)
};

// Calls f(component) for every component of `label`, in order of their first voxel; returns the span
// stride.
template <typename F>
std::uint64_t forEachComponent(const Volume& labels, std::uint8_t label, const Connectivity& connectivity,
                               const JobContext* job, F&& f) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("IslandRemoval: label maps are UInt8 with one component");
    if (label == 0) throw std::invalid_argument("IslandRemoval: label 0 is background");
    ScanlineRegion region(labels.geometry().size, connectivity);
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    const auto inside = [&](std::uint64_t i) { return lab[i] == label; };
    Component c;
    region.forEachUnvisited([&](std::uint64_t i) {
        if (lab[i] != label) return;
        c.spans.clear();
        c.slice = connectivity.volume ? 0 : region.coords(i)[std::size_t(connectivity.normalAxis)];
        c.voxels = region.grow(
            i, inside,
            [&](const ScanlineRegion::Span& s) {
                c.spans.push_back(s);
                return true;
            },
            job);
        f(c);
    });
    return region.stride();
}

}  // namespace

LabelEdit IslandRemoval::removeSmall(Volume& labels, std::uint8_t label, std::size_t minVoxels,
                                     const PaintRule& rule, const Connectivity& connectivity,
                                     const JobContext* job) {
    std::vector<ScanlineRegion::Span> removed;
    const std::uint64_t stride = forEachComponent(labels, label, connectivity, job, [&](const Component& c) {
        if (c.voxels < minVoxels) removed.insert(removed.end(), c.spans.begin(), c.spans.end());
    });
    return ScanlineRegion::paint(labels, std::move(removed), stride, rule, "Remove small islands");
}

LabelEdit IslandRemoval::keepLargest(Volume& labels, std::uint8_t label, const PaintRule& rule,
                                     const Connectivity& connectivity, const JobContext* job) {
    // Per slice (one key in 3D): the largest component so far; the others are removed.
    std::map<std::size_t, Component> largest;
    std::vector<ScanlineRegion::Span> removed;
    const std::uint64_t stride = forEachComponent(labels, label, connectivity, job, [&](const Component& c) {
        auto it = largest.find(c.slice);
        if (it == largest.end()) {
            largest.emplace(c.slice, c);
            return;
        }
        if (c.voxels > it->second.voxels) {
            removed.insert(removed.end(), it->second.spans.begin(), it->second.spans.end());
            it->second = c;
        } else {
            removed.insert(removed.end(), c.spans.begin(), c.spans.end());
        }
    });
    return ScanlineRegion::paint(labels, std::move(removed), stride, rule, "Keep largest island");
}

}  // namespace cadview
