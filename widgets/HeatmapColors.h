#pragma once

#include <array>
#include <cstdint>

#include <QImage>

namespace cadview {

// The heatmap colour map (0 = dark blue through cyan, yellow to red = 1, "jet"-like, the convention in
// published Grad-CAM figures), as a table for the slice compositor and as a colour-bar image.
class HeatmapColors {
  public:
    static const std::array<std::array<std::uint8_t, 3>, 256>& table();
    // A vertical bar, 1 at the top, of the given size in pixels.
    static QImage bar(int width, int height);
};

}  // namespace cadview
