#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace cadview {

// Where a model's fixed-size input windows go over a larger grid, and how much each voxel of a window
// counts when overlapping windows are blended (a Gaussian centred on the window, sigma = size / 8, as
// nnU-Net and MONAI do: window borders, where the model sees least context, count least).
class SlidingWindows {
  public:
    // Window starts along one axis: every `stride`, the last one flush with the end. A grid smaller
    // than the window gets one window at 0 (the caller pads).
    static std::vector<std::size_t> starts(std::size_t extent, std::size_t window, double overlap);
    // Blending weights of a (d x h x w) window, x fastest; never below 1e-3 so borders still count.
    static std::vector<float> gaussianWeights(const std::array<std::size_t, 3>& window);
};

}  // namespace cadview
