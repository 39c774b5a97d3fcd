#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "image/Volume.h"
#include "image/WindowPreset.h"

namespace cadview {

// Turns one slice of a volume into display pixels: the window/level applied, and a label overlay blended
// on top, in a single pass over the slice (a 512 x 512 slice takes about a millisecond). The views draw
// the result as one texture, which software OpenGL handles far faster than mapping and blending
// several layers itself.
class SliceCompositor {
  public:
    using Rgb = std::array<std::uint8_t, 3>;

    struct Request {
        int normalAxis = 2;  // index axis the slice is taken across
        std::size_t index = 0;
        WindowLevel window;
        const Volume* labels = nullptr;  // same grid as the volume; 0 = no label
        double labelOpacity = 0.5;
        const std::array<Rgb, 256>* labelColors = nullptr;  // colour of label v at [v % 256]
    };

    // In-plane axes of a slice across `normalAxis`: the output's columns run along first, rows along second.
    static std::array<int, 2> inPlaneAxes(int normalAxis);

    // Fills `rgba` (4 bytes a pixel, opaque) with the slice: width = size[first], height = size[second].
    static void compose(const Volume& volume, const Request& request, std::vector<std::uint8_t>& rgba);
};

}  // namespace cadview
