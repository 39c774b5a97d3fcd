#include "image/WindowPreset.h"

#include <algorithm>

#include "image/IntensityStatistics.h"

namespace cadview {

const std::vector<WindowPreset>& WindowPreset::ctPresets() {
    static const std::vector<WindowPreset> presets{
        {"lung", {-600, 1500}}, {"mediastinum", {50, 350}}, {"bone", {400, 1800}},
        {"brain", {40, 80}},    {"abdomen", {50, 400}},
    };
    return presets;
}

std::optional<WindowPreset> WindowPreset::find(std::string_view id) {
    for (const auto& p : ctPresets())
        if (p.id == id) return p;
    return std::nullopt;
}

WindowLevel WindowPreset::automatic(const Volume& volume) {
    const auto p = IntensityStatistics::percentiles(volume, {0.005, 0.995});
    const double lo = p[0], hi = p[1];
    if (hi > lo) return {(lo + hi) / 2, hi - lo};
    return {lo, 1};
}

WindowLevel WindowPreset::initialFor(const Volume& volume) {
    const VolumeInfo& info = volume.info();
    if (volume.components() == 3) return {127.5, 255};
    if (info.windowCenter && info.windowWidth && *info.windowWidth > 0)
        return {*info.windowCenter, *info.windowWidth};
    if (info.modality == "CT") return find("abdomen")->window;
    return automatic(volume);
}

}  // namespace cadview
