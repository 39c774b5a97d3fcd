#pragma once

#include <array>
#include <cstdint>

namespace cadview {

// The heatmap colour map: 0 = dark blue through cyan and yellow to red = 1 ("jet"-like, the convention
// of published Grad-CAM figures), as a 256-entry table for SliceCompositor. No Qt: the CLI's heatmap
// PNGs and the viewer's heatmap layer use the same colours.
class HeatmapPalette {
  public:
    using Table = std::array<std::array<std::uint8_t, 3>, 256>;
    static const Table& jet();
};

}  // namespace cadview
