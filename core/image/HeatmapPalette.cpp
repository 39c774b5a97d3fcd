#include "image/HeatmapPalette.h"

#include <algorithm>
#include <cmath>

namespace cadview {

const HeatmapPalette::Table& HeatmapPalette::jet() {
    static const Table colours = [] {
        Table t{};
        for (int i = 0; i < 256; ++i) {
            const double v = i / 255.0;
            // Each channel is a trapezoid over [0, 1]: blue peaks at 1/4, green at 1/2, red at 3/4.
            const auto channel = [&](double centre) {
                return std::uint8_t(
                    std::lround(std::clamp(1.5 - std::abs(4.0 * v - centre), 0.0, 1.0) * 255));
            };
            t[std::size_t(i)] = {channel(3), channel(2), channel(1)};
        }
        return t;
    }();
    return colours;
}

}  // namespace cadview
