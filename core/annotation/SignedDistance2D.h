#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cadview {

// Exact Euclidean signed distance map of a 2D binary mask, in millimetres with per-axis pixel spacing
// (Felzenszwalb & Huttenlocher's separable lower-envelope transform, linear time). Outside pixels get
// the distance to the nearest inside pixel centre (> 0), inside pixels minus the distance to the
// nearest outside pixel centre (< 0), so the zero level lies between the two, half way on average. When
// the mask has no inside (or no outside) pixel the missing distance is `far()`.
class SignedDistance2D {
  public:
    static constexpr float far() { return 1e9f; }
    // `mask` is width x height, row-major (columns fastest), non-zero = inside.
    static std::vector<float> compute(const std::uint8_t* mask, std::size_t width, std::size_t height,
                                      double spacingColumn, double spacingRow);
};

}  // namespace cadview
