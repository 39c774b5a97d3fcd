// VolumeDownsampler: block means, sizes and the place in patient space, against hand-computed values.
#include <gtest/gtest.h>

#include "image/VolumeDownsampler.h"

namespace cadview {
namespace {

TEST(VolumeDownsampler, HalvingAveragesBlocksAndKeepsPosition) {
    ImageGeometry g;
    g.size = {4, 2, 3};
    g.spacing = {0.5, 1.0, 2.0};
    g.origin = {10, 20, 30};
    g.direction = {-1, 0, 0, 0, 1, 0, 0, 0, 1};  // x runs to patient right
    Volume v(g, PixelType::Int16);
    for (std::size_t i = 0; i < v.voxelCount(); ++i)
        v.as<std::int16_t>()[i] = std::int16_t(i);
    const Volume h = VolumeDownsampler::halve(v);
    EXPECT_EQ(h.geometry().size, (std::array<std::size_t, 3>{2, 1, 2}));
    EXPECT_EQ(h.geometry().spacing, (Vec3{1.0, 2.0, 4.0}));
    // Centre of input voxels 0 and 1 along each axis: (0.25 mm along -x, 0.5 mm, 1 mm).
    EXPECT_NEAR(h.geometry().origin[0], 9.75, 1e-12);
    EXPECT_NEAR(h.geometry().origin[1], 20.5, 1e-12);
    EXPECT_NEAR(h.geometry().origin[2], 31.0, 1e-12);
    // Block (x 0-1, y 0-1, z 0-1): voxels 0,1,4,5,8,9,12,13 -> mean 6.5 -> 7 (rounded).
    EXPECT_EQ(h.valueAt(0, 0, 0), 7);
    // Last z block holds only z = 2 (odd size): voxels 16,17,20,21 (x 0-1) -> 18.5 -> 19.
    EXPECT_EQ(h.valueAt(0, 0, 1), 19);
    // x 2-3, z 2: 18,19,22,23 -> 20.5 -> 21.
    EXPECT_EQ(h.valueAt(1, 0, 1), 21);
}

TEST(VolumeDownsampler, BudgetHalvesOnlyWhenNeeded) {
    ImageGeometry g;
    g.size = {64, 64, 64};
    Volume v(g, PixelType::UInt8);
    std::fill_n(v.as<std::uint8_t>(), v.voxelCount(), std::uint8_t(9));
    EXPECT_EQ(VolumeDownsampler::withinBudget(v, v.bytes()).data(), v.data());  // shared, no copy
    const Volume q = VolumeDownsampler::withinBudget(v, v.bytes() / 8);         // one halving is 1/8
    EXPECT_EQ(q.geometry().size, (std::array<std::size_t, 3>{32, 32, 32}));
    EXPECT_EQ(q.valueAt(31, 31, 31), 9);
    EXPECT_EQ(VolumeDownsampler::withinBudget(v, v.bytes() / 10).geometry().size[0], 16u);
}

}  // namespace
}  // namespace cadview
