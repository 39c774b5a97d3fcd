#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "image/Volume.h"
#include "image/WindowPreset.h"

namespace cadview {

// Turns one slice of a volume into display pixels: the window/level applied, then a heatmap and label
// layers blended on top, in passes over the slice only (a 512 x 512 slice takes about a millisecond).
// The views draw the result as one texture, which software OpenGL handles far faster than mapping and
// blending several layers itself.
class SliceCompositor {
  public:
    using Rgb = std::array<std::uint8_t, 3>;

    // A label map on the volume's grid (0 = no label), drawn filled or as outlines.
    struct LabelLayer {
        const Volume* labels = nullptr;
        double opacity = 0.5;
        const std::array<Rgb, 256>* colors = nullptr;    // colour of label v at [v % 256]
        const std::array<bool, 256>* visible = nullptr;  // nullptr: every label shown
        bool outline = false;  // only the pixels on a label's border (4-neighbourhood in the slice)
    };

    // Values in [0, 1] (Float32) coloured through a colour map at constant opacity; values below the
    // threshold are transparent. On the volume's grid, or one axial slice of it (`slice`).
    struct HeatmapLayer {
        const Volume* heatmap = nullptr;
        std::size_t slice = 0;  // for a heatmap of one slice: the volume slice (index axis 2) it belongs to
        double threshold = 0.2;
        double opacity = 0.5;
        const std::array<Rgb, 256>* colors = nullptr;
    };

    struct Request {
        int normalAxis = 2;  // index axis the slice is taken across
        std::size_t index = 0;
        WindowLevel window;
        HeatmapLayer heatmap;                 // drawn when heatmap.heatmap is set
        std::vector<LabelLayer> labelLayers;  // drawn in order, over the heatmap
    };

    // In-plane axes of a slice across `normalAxis`: the output's columns run along first, rows along second.
    static std::array<int, 2> inPlaneAxes(int normalAxis);

    // Fills `rgba` (4 bytes a pixel, opaque) with the slice: width = size[first], height = size[second].
    static void compose(const Volume& volume, const Request& request, std::vector<std::uint8_t>& rgba);
};

}  // namespace cadview
