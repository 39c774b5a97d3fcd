#pragma once

#include <array>
#include <cstdint>

#include <QImage>

namespace cadview {

// The heatmap colour map of core's HeatmapPalette (shared with the CLI's heatmap PNGs), and the colour
// bar the views draw beside a heatmap.
class HeatmapColors {
  public:
    static const std::array<std::array<std::uint8_t, 3>, 256>& table();
    // A vertical bar, 1 at the top, of the given size in pixels.
    static QImage bar(int width, int height);
};

}  // namespace cadview
