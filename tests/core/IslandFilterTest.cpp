// HoleFilling and IslandRemoval: hand-counted holes (2D rings, diagonal outlines, an open tube that is
// a hole per slice but not in 3D) and islands (small ones, keep the largest per slice or in the volume),
// locked labels, and bit-for-bit undo.
#include <gtest/gtest.h>

#include <cstdlib>

#include "AnnotationTestVolumes.h"
#include "annotation/HoleFilling.h"
#include "annotation/IslandRemoval.h"

namespace cadview::test {
namespace {

// Outline of the square [lo, hi]^2 on slice z.
void ring(Volume& labels, std::size_t z, std::size_t lo, std::size_t hi, std::uint8_t value = 1) {
    for (std::size_t k = lo; k <= hi; ++k) {
        labelAt(labels, k, lo, z) = labelAt(labels, k, hi, z) = value;
        labelAt(labels, lo, k, z) = labelAt(labels, hi, k, z) = value;
    }
}

TEST(HoleFilling, FillsTheInsideOfARingOnly) {
    Volume labels = zeroVolume({12, 12, 1});
    ring(labels, 0, 2, 8);           // inside: 3..7, 5 x 5 = 25
    labelAt(labels, 10, 10, 0) = 1;  // a lone voxel: nothing enclosed
    const auto original = snapshot(labels);
    const LabelEdit edit = HoleFilling::fill(labels, PaintRule{}, Connectivity::slice4(2));
    EXPECT_EQ(edit.changedVoxels(), 25u);
    for (std::size_t y = 0; y < 12; ++y)
        for (std::size_t x = 0; x < 12; ++x) {
            const bool label = (x >= 2 && x <= 8 && y >= 2 && y <= 8) || (x == 10 && y == 10);
            EXPECT_EQ(labelAt(labels, x, y, 0), label ? 1 : 0) << x << "," << y;
        }
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(HoleFilling, DiagonalOutlineEnclosesAndLockedVoxelsStay) {
    // The diamond |x - 5| + |y - 5| = 3 is connected only through corners; background is 4-connected,
    // so |x - 5| + |y - 5| <= 2 (1 + 3 + 5 + 3 + 1 = 13 pixels) is a hole. One of them holds locked 4,
    // one unlocked 2 (overwritten).
    Volume labels = zeroVolume({11, 11, 1});
    for (int y = 0; y < 11; ++y)
        for (int x = 0; x < 11; ++x)
            if (std::abs(x - 5) + std::abs(y - 5) == 3)
                labelAt(labels, std::size_t(x), std::size_t(y), 0) = 1;
    labelAt(labels, 5, 5, 0) = 4;
    labelAt(labels, 5, 4, 0) = 2;
    PaintRule rule;
    rule.locked[4] = true;
    const LabelEdit edit = HoleFilling::fill(labels, rule, Connectivity::slice4(2, 0));
    EXPECT_EQ(edit.changedVoxels(), 12u);
    EXPECT_EQ(labelAt(labels, 5, 5, 0), 4);
    EXPECT_EQ(labelAt(labels, 5, 4, 0), 1);
    EXPECT_EQ(countValue(labels, 1), 12u + 12u);  // the outline's 12 pixels and the filled ones
}

TEST(HoleFilling, AnOpenTubeIsAHolePerSliceButNotIn3D) {
    // Rings (outline of 2..6) on slices z = 2..6 of a 9 x 9 x 9 volume: 3 x 3 inside each slice, but the
    // inside opens to z = 1 and z = 7, so in 3D it touches the border.
    Volume labels = zeroVolume({9, 9, 9});
    for (std::size_t z = 2; z <= 6; ++z)
        ring(labels, z, 2, 6);
    const auto open = snapshot(labels);
    EXPECT_TRUE(HoleFilling::fill(labels, PaintRule{}, Connectivity::volume6()).empty());
    const LabelEdit perSlice = HoleFilling::fill(labels, PaintRule{}, Connectivity::slice4(2));
    EXPECT_EQ(perSlice.changedVoxels(), 45u);
    perSlice.revert(labels);
    EXPECT_EQ(snapshot(labels), open);
    // Across x, slices x = 2 and 6 hold full 5 x 5 walls and slices 3..5 two parallel lines: no holes.
    EXPECT_TRUE(HoleFilling::fill(labels, PaintRule{}, Connectivity::slice4(0)).empty());
    // Closing the ends (full squares on z = 2 and z = 6) makes a 3 x 3 x 3 cavity in 3D.
    for (std::size_t z : {2, 6})
        for (std::size_t y = 2; y <= 6; ++y)
            for (std::size_t x = 2; x <= 6; ++x)
                labelAt(labels, x, y, z) = 1;
    const auto closed = snapshot(labels);
    const LabelEdit cavity = HoleFilling::fill(labels, PaintRule{}, Connectivity::volume6());
    EXPECT_EQ(cavity.changedVoxels(), 27u);
    cavity.revert(labels);
    EXPECT_EQ(snapshot(labels), closed);
}

TEST(HoleFilling, SagittalSlicesUseTheirPlane) {
    // A ring in the (y, z) plane on x = 1: 3 x 3 inside.
    Volume labels = zeroVolume({3, 9, 9});
    for (std::size_t k = 2; k <= 6; ++k) {
        labelAt(labels, 1, k, 2) = labelAt(labels, 1, k, 6) = 1;
        labelAt(labels, 1, 2, k) = labelAt(labels, 1, 6, k) = 1;
    }
    const auto original = snapshot(labels);
    const LabelEdit edit = HoleFilling::fill(labels, PaintRule{}, Connectivity::slice4(0));
    EXPECT_EQ(edit.changedVoxels(), 9u);
    EXPECT_EQ(labelAt(labels, 1, 4, 4), 1);
    EXPECT_EQ(labelAt(labels, 0, 4, 4), 0);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

// Islands of label 1 on a 12 x 12 slice: a single voxel, a 2 x 2 square, a 3 x 3 square, and two
// voxels touching only at a corner (two islands of 1).
Volume islands() {
    Volume labels = zeroVolume({12, 12, 2});
    labelAt(labels, 0, 0, 0) = 1;
    for (std::size_t y = 3; y < 5; ++y)
        for (std::size_t x = 3; x < 5; ++x)
            labelAt(labels, x, y, 0) = 1;
    for (std::size_t y = 7; y < 10; ++y)
        for (std::size_t x = 7; x < 10; ++x)
            labelAt(labels, x, y, 0) = 1;
    labelAt(labels, 10, 1, 0) = 1;
    labelAt(labels, 11, 2, 0) = 1;
    return labels;
}

TEST(IslandRemoval, RemovesComponentsBelowTheSize) {
    Volume labels = islands();
    const auto original = snapshot(labels);
    PaintRule erase;
    erase.value = 0;
    // Below 4 voxels: the three single voxels (diagonal neighbours are not connected).
    LabelEdit edit = IslandRemoval::removeSmall(labels, 1, 4, erase, Connectivity::slice4(2));
    EXPECT_EQ(edit.changedVoxels(), 3u);
    EXPECT_EQ(countValue(labels, 1), 13u);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // Below 5: also the 2 x 2 square; in 3D the same (one slice holds everything).
    edit = IslandRemoval::removeSmall(labels, 1, 5, erase, Connectivity::volume6());
    EXPECT_EQ(edit.changedVoxels(), 7u);
    EXPECT_EQ(countValue(labels, 1), 9u);
    edit.revert(labels);
    // A locked label is never removed.
    erase.locked[1] = true;
    EXPECT_TRUE(IslandRemoval::removeSmall(labels, 1, 100, erase, Connectivity::volume6()).empty());
}

TEST(IslandRemoval, KeepsTheLargestPerSliceOrInTheVolume) {
    Volume labels = islands();
    // Slice 1: a 2 x 5 bar (10 voxels, larger than anything on slice 0) and a single voxel.
    for (std::size_t x = 0; x < 5; ++x)
        for (std::size_t y = 10; y < 12; ++y)
            labelAt(labels, x, y, 1) = 1;
    labelAt(labels, 11, 11, 1) = 1;
    const auto original = snapshot(labels);
    PaintRule erase;
    erase.value = 0;
    // Per slice: slice 0 keeps the 3 x 3 square (removes 1 + 4 + 1 + 1), slice 1 the bar (removes 1).
    LabelEdit edit = IslandRemoval::keepLargest(labels, 1, erase, Connectivity::slice4(2));
    EXPECT_EQ(edit.changedVoxels(), 8u);
    EXPECT_EQ(labelAt(labels, 8, 8, 0), 1);
    EXPECT_EQ(labelAt(labels, 2, 10, 1), 1);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // In 3D only the bar stays: 16 + 1 removed.
    edit = IslandRemoval::keepLargest(labels, 1, erase, Connectivity::volume6());
    EXPECT_EQ(edit.changedVoxels(), 17u);
    EXPECT_EQ(countValue(labels, 1), 10u);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // Re-assigning islands to label 2 instead of erasing; across x each (y, z) slice separately: on
    // x = 0 the voxels (0,0,0) and the bar's (0, 10..11, 1) are separate components: keep the bar's 2.
    PaintRule reassign;
    reassign.value = 2;
    edit = IslandRemoval::keepLargest(labels, 1, reassign, Connectivity::slice4(0, 0));
    EXPECT_EQ(edit.changedVoxels(), 1u);
    EXPECT_EQ(labelAt(labels, 0, 0, 0), 2);
}

}  // namespace
}  // namespace cadview::test
