#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "image/Volume.h"

namespace cadview {

// Which voxels a painting operation may change, and to what. Every tool (brush, polygon, flood fill,
// interpolation, accepting AI output) asks it voxel by voxel.
struct PaintRule {
    // Value written: a label (1..255), or 0 to erase.
    std::uint8_t value = 1;
    // Voxels holding a locked label are never changed (index = label value).
    std::array<bool, 256> locked{};
    // With `erase` set (value 0), only voxels holding this label are cleared; nullopt clears any
    // unlocked label.
    std::optional<std::uint8_t> eraseOnly;
    // Threshold-constrained painting: only voxels whose image value lies in [low, high] change.
    const Volume* image = nullptr;  // the image on the same grid; nullptr = no intensity constraint
    double low = 0.0;
    double high = 0.0;

    // Whether the voxel at `linearIndex`, currently holding `current`, may be set to `value`.
    bool allows(std::size_t linearIndex, std::uint8_t current) const {
        if (current == value || locked[current]) return false;
        if (value == 0 && eraseOnly && current != *eraseOnly) return false;
        if (image && !inRange(linearIndex)) return false;
        return true;
    }
    // Whether the image value at `linearIndex` lies in [low, high] (true without an image).
    bool inRange(std::size_t linearIndex) const;
};

}  // namespace cadview
