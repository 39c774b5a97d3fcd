#include "annotation/HoleFilling.h"

#include <stdexcept>
#include <vector>

#include "annotation/ScanlineRegion.h"

namespace cadview {

LabelEdit HoleFilling::fill(Volume& labels, const PaintRule& rule, const Connectivity& connectivity,
                            const JobContext* job) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("HoleFilling: label maps are UInt8 with one component");
    if (rule.value == 0) throw std::invalid_argument("HoleFilling: the rule's value must be a label");
    ScanlineRegion region(labels.geometry().size, connectivity);
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    const std::uint8_t label = rule.value;
    const auto outside = [&](std::uint64_t i) { return lab[i] != label; };
    std::vector<ScanlineRegion::Span> holes, component;
    region.forEachUnvisited([&](std::uint64_t i) {
        if (lab[i] == label) return;
        component.clear();
        bool border = false;
        region.grow(
            i, outside,
            [&](const ScanlineRegion::Span& s) {
                border = border || region.touchesBorder(s);
                if (!border) component.push_back(s);
                return true;  // grow on to mark the whole component visited
            },
            job);
        if (!border) holes.insert(holes.end(), component.begin(), component.end());
    });
    return ScanlineRegion::paint(labels, std::move(holes), region.stride(), rule, "Fill holes");
}

}  // namespace cadview
