// SliceInterpolation: a disc of radius 10 and one of radius 20 ten slices apart morph through radius ~15
// half way; slices outside the drawn range, drawn slices and locked labels stay; the edit reverts bit
// for bit; the same works across x. Also SignedDistance2D against hand values. Prints a 512x512x300
// timing.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "AnnotationTestVolumes.h"
#include "annotation/SignedDistance2D.h"
#include "annotation/SliceInterpolation.h"

namespace cadview::test {
namespace {

// Sets `value` on the pixels of slice k (across `axis`) whose centre lies within `radius` of (cu, cv).
void disc(Volume& labels, int axis, std::size_t k, double cu, double cv, double radius,
          std::uint8_t value = 1) {
    const auto& s = labels.geometry().size;
    const std::size_t a0 = axis == 0 ? 1 : 0, a1 = axis == 2 ? 1 : 2;
    for (std::size_t v = 0; v < s[a1]; ++v)
        for (std::size_t u = 0; u < s[a0]; ++u) {
            if (std::hypot(double(u) - cu, double(v) - cv) > radius) continue;
            std::array<std::size_t, 3> c{};
            c[std::size_t(axis)] = k;
            c[a0] = u;
            c[a1] = v;
            labelAt(labels, c[0], c[1], c[2]) = value;
        }
}

std::size_t countOnSlice(const Volume& labels, int axis, std::size_t k, std::uint8_t value) {
    const auto& s = labels.geometry().size;
    std::size_t n = 0;
    for (std::size_t z = 0; z < s[2]; ++z)
        for (std::size_t y = 0; y < s[1]; ++y)
            for (std::size_t x = 0; x < s[0]; ++x) {
                const std::array<std::size_t, 3> c{x, y, z};
                n += c[std::size_t(axis)] == k &&
                     labels.as<std::uint8_t>()[linearIndex(labels, x, y, z)] == value;
            }
    return n;
}

TEST(SignedDistance2D, ExactDistancesWithSpacing) {
    // One inside pixel at (1, 1) of a 4 x 3 mask, spacing 2 mm (columns) x 1 mm (rows).
    std::vector<std::uint8_t> mask(12, 0);
    mask[1 * 4 + 1] = 1;
    const auto d = SignedDistance2D::compute(mask.data(), 4, 3, 2.0, 1.0);
    EXPECT_FLOAT_EQ(d[1 * 4 + 1], -1.0f);                   // nearest outside: a row away, 1 mm
    EXPECT_FLOAT_EQ(d[1 * 4 + 3], 4.0f);                    // two columns: 4 mm
    EXPECT_FLOAT_EQ(d[0 * 4 + 3], float(std::sqrt(17.0)));  // 4 mm and 1 mm
    EXPECT_FLOAT_EQ(d[2 * 4 + 0], float(std::sqrt(5.0)));   // 2 mm and 1 mm
    // A 3 x 3 block in a 5 x 5 mask: its centre is 2 pixels from the outside.
    std::vector<std::uint8_t> block(25, 0);
    for (int y = 1; y <= 3; ++y)
        for (int x = 1; x <= 3; ++x)
            block[std::size_t(y * 5 + x)] = 1;
    EXPECT_FLOAT_EQ(SignedDistance2D::compute(block.data(), 5, 5, 1.0, 1.0)[12], -2.0f);
    std::vector<std::uint8_t> empty(6, 0);
    EXPECT_FLOAT_EQ(SignedDistance2D::compute(empty.data(), 3, 2, 1.0, 1.0)[0], SignedDistance2D::far());
}

TEST(SliceInterpolation, DiscsMorphLinearly) {
    // Radius 10 on z = 3, radius 20 on z = 13, centred (32, 32). Half way (z = 8) the zero level of
    // (dA + dB) / 2 lies at radius 15 up to the half-pixel offsets of both discrete distance maps (dA
    // overestimates by < 0.5 px outside the small disc, dB underestimates inside the big one), so every
    // pixel within 14 is filled, none beyond 16, and the count is pi 15^2 = 706.9 within half a pixel
    // of radius: 2 pi 15 * 0.5 = 47.
    Volume labels = zeroVolume({64, 64, 20});
    disc(labels, 2, 3, 32, 32, 10);
    disc(labels, 2, 13, 32, 32, 20);
    const auto original = snapshot(labels);
    const std::size_t small = countOnSlice(labels, 2, 3, 1), big = countOnSlice(labels, 2, 13, 1);
    EXPECT_EQ(small, 317u);  // lattice points within radius 10
    EXPECT_EQ(big, 1257u);   // within radius 20
    PaintRule rule;
    const LabelEdit edit = SliceInterpolation::interpolate(labels, rule, 2);
    for (std::size_t z = 0; z < 20; ++z) {
        const std::size_t n = countOnSlice(labels, 2, z, 1);
        if (z < 3 || z > 13) {
            EXPECT_EQ(n, 0u) << z;
        } else if (z == 3) {
            EXPECT_EQ(n, small);
        } else {
            EXPECT_GT(n, countOnSlice(labels, 2, z - 1, 1)) << z;  // grows every slice up to the big one
        }
        if (z == 13) {
            EXPECT_EQ(n, big);
        }
    }
    const std::size_t half = countOnSlice(labels, 2, 8, 1);
    std::printf("[ info     ] interpolated disc at z = 8: %zu pixels (pi 15^2 = 706.9)\n", half);
    EXPECT_NEAR(double(half), M_PI * 225, 47.0);
    for (std::size_t y = 0; y < 64; ++y)
        for (std::size_t x = 0; x < 64; ++x) {
            const double r = std::hypot(double(x) - 32, double(y) - 32);
            if (r <= 14) {
                EXPECT_EQ(labelAt(labels, x, y, 8), 1) << x << "," << y;
            } else if (r >= 16) {
                EXPECT_EQ(labelAt(labels, x, y, 8), 0) << x << "," << y;
            }
        }
    EXPECT_EQ(SliceInterpolation::drawnSlices(labels, 1, 2).size(), 11u);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(SliceInterpolation, FillsOnlyBetweenConsecutiveDrawnSlices) {
    // Drawn slices 2, 5 (a different shape) and 6: slices 3, 4 are filled, 5 and 6 stay as drawn (no gap
    // between 5 and 6), 0, 1 and 7..9 stay empty.
    Volume labels = zeroVolume({32, 32, 10});
    disc(labels, 2, 2, 16, 16, 6);
    disc(labels, 2, 5, 16, 16, 3);
    disc(labels, 2, 6, 10, 10, 2);
    const auto before5 = countOnSlice(labels, 2, 5, 1), before6 = countOnSlice(labels, 2, 6, 1);
    const LabelEdit edit = SliceInterpolation::interpolate(labels, PaintRule{}, 2);
    EXPECT_EQ(SliceInterpolation::drawnSlices(labels, 1, 2), (std::vector<std::size_t>{2, 3, 4, 5, 6}));
    EXPECT_EQ(countOnSlice(labels, 2, 5, 1), before5);
    EXPECT_EQ(countOnSlice(labels, 2, 6, 1), before6);
    EXPECT_EQ(edit.changedVoxels(), countOnSlice(labels, 2, 3, 1) + countOnSlice(labels, 2, 4, 1));
    // The centre pixel lies in both discs: filled on both slices between.
    EXPECT_EQ(labelAt(labels, 16, 16, 3), 1);
    EXPECT_EQ(labelAt(labels, 16, 16, 4), 1);
    // A single drawn slice gives nothing to interpolate.
    Volume one = zeroVolume({8, 8, 4});
    disc(one, 2, 1, 4, 4, 2);
    EXPECT_TRUE(SliceInterpolation::interpolate(one, PaintRule{}, 2).empty());
}

TEST(SliceInterpolation, KeepsLockedLabelsAndOtherSlicesAcrossX) {
    // The disc test across x (sagittal): discs in (y, z) on x = 3 and x = 13, a locked label 5 block
    // inside the half way disc. Same count as across z, less the locked voxels.
    Volume labels = zeroVolume({20, 64, 64});
    disc(labels, 0, 3, 32, 32, 10);
    disc(labels, 0, 13, 32, 32, 20);
    for (std::size_t y = 30; y < 33; ++y)
        for (std::size_t z = 30; z < 33; ++z)
            labelAt(labels, 8, y, z) = 5;  // 9 voxels
    const auto original = snapshot(labels);
    PaintRule rule;
    rule.locked[5] = true;
    JobContext job;
    const LabelEdit edit = SliceInterpolation::interpolate(labels, rule, 0, &job, 2);
    EXPECT_EQ(countOnSlice(labels, 0, 8, 5), 9u);

    Volume axial = zeroVolume({64, 64, 20});
    disc(axial, 2, 3, 32, 32, 10);
    disc(axial, 2, 13, 32, 32, 20);
    SliceInterpolation::interpolate(axial, PaintRule{}, 2);
    for (std::size_t k = 0; k < 20; ++k)
        EXPECT_EQ(countOnSlice(labels, 0, k, 1) + (k == 8 ? 9 : 0), countOnSlice(axial, 2, k, 1)) << k;
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // Cancelled before it starts: nothing changes.
    job.requestCancel();
    EXPECT_THROW(SliceInterpolation::interpolate(labels, rule, 0, &job), CancelledError);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(SliceInterpolation, Performance512x512x300) {
    // Discs of radius 100 and 150 drawn every 10 slices (30 drawn, 261 slices filled).
    Volume labels = zeroVolume({512, 512, 300});
    for (std::size_t z = 0; z < 300; z += 10)
        disc(labels, 2, z, 256, 256, (z / 10) % 2 ? 150 : 100);
    const auto t0 = std::chrono::steady_clock::now();
    const LabelEdit edit = SliceInterpolation::interpolate(labels, PaintRule{}, 2);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ perf     ] SliceInterpolation 512x512x300, 30 drawn slices: %.0f ms, %zu voxels\n", ms,
                edit.changedVoxels());
    EXPECT_EQ(SliceInterpolation::drawnSlices(labels, 1, 2).size(), 291u);
}

}  // namespace
}  // namespace cadview::test
