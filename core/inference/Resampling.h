#pragma once

#include <cstddef>

namespace cadview {

// Resizing float grids the way deep-learning frameworks do (align_corners = false): output voxel i sits
// at input coordinate (i + 0.5) * in / out - 0.5, clamped to the grid; values are interpolated
// linearly. The same mapping, inverted, takes model outputs back to the image voxel for voxel.
class Resampling {
  public:
    // Input coordinate of output index `i` when `in` voxels are resized to `out`.
    static double sourceCoordinate(std::size_t i, std::size_t in, std::size_t out) {
        const double c = (double(i) + 0.5) * double(in) / double(out) - 0.5;
        return c < 0 ? 0 : (c > double(in) - 1 ? double(in) - 1 : c);
    }
    // Bilinear: src (h x w, x fastest) to dst (oh x ow).
    static void resize2D(const float* src, std::size_t w, std::size_t h, float* dst, std::size_t ow,
                         std::size_t oh);
    // Trilinear: src (d x h x w) to dst (od x oh x ow).
    static void resize3D(const float* src, std::size_t w, std::size_t h, std::size_t d, float* dst,
                         std::size_t ow, std::size_t oh, std::size_t od);
    // Linear interpolation of one value of a (d x h x w) grid at continuous coordinates (x, y, z).
    static float sample3D(const float* src, std::size_t w, std::size_t h, std::size_t d, double x, double y,
                          double z);
};

}  // namespace cadview
