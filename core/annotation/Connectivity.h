#pragma once

#include <cstddef>
#include <optional>

namespace cadview {

// Which voxels count as neighbours for the region tools (flood fill, region growing, hole filling,
// island removal): in the whole volume with 6-connectivity (faces), or in 2D with 4-connectivity within
// the slices across `normalAxis` — every slice separately, or only slice `slice` when it is set.
struct Connectivity {
    bool volume = true;  // true: 6-connected in 3D; false: 4-connected within slices across normalAxis
    int normalAxis = 2;  // 0, 1 or 2 (2D only)
    std::optional<std::size_t> slice;  // 2D only: restrict to this slice index across normalAxis

    static Connectivity volume6() { return {}; }
    static Connectivity slice4(int normalAxis, std::optional<std::size_t> slice = std::nullopt) {
        return {false, normalAxis, slice};
    }
};

}  // namespace cadview
