// Small volumes for the annotation tool tests: zero-filled label maps, images with a value per voxel,
// snapshots for bit-for-bit undo checks.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "image/Volume.h"

namespace cadview::test {

inline Volume zeroVolume(const std::array<std::size_t, 3>& size, PixelType type = PixelType::UInt8,
                         const Vec3& spacing = {1.0, 1.0, 1.0}) {
    ImageGeometry g;
    g.size = size;
    g.spacing = spacing;
    Volume v(g, type);
    std::fill_n(v.data(), v.bytes(), std::byte{0});
    return v;
}

inline std::size_t linearIndex(const Volume& v, std::size_t x, std::size_t y, std::size_t z) {
    const auto& s = v.geometry().size;
    return x + (y + z * s[1]) * s[0];
}

inline std::uint8_t& labelAt(Volume& v, std::size_t x, std::size_t y, std::size_t z) {
    return v.as<std::uint8_t>()[linearIndex(v, x, y, z)];
}

inline std::vector<std::uint8_t> snapshot(const Volume& labels) {
    const std::uint8_t* p = labels.as<std::uint8_t>();
    return {p, p + labels.voxelCount()};
}

inline std::size_t countValue(const Volume& labels, std::uint8_t value) {
    std::size_t n = 0;
    const std::uint8_t* p = labels.as<std::uint8_t>();
    for (std::size_t i = 0; i < labels.voxelCount(); ++i)
        n += p[i] == value;
    return n;
}

}  // namespace cadview::test
