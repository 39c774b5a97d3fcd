// RegionGrow: flood fill and region growing stop at intensity boundaries, locked labels and other label
// values; 4- against 6-connectivity; a synthetic sphere is found voxel for voxel; the voxel limit and
// cancellation change nothing; the edit reverts bit for bit. Prints a 512x512x300 timing.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "AnnotationTestVolumes.h"
#include "annotation/RegionGrow.h"

namespace cadview::test {
namespace {

// Int16 image: 100 inside the box [x0, x1] x [y0, y1] x [z0, z1], 0 elsewhere.
Volume boxImage(const std::array<std::size_t, 3>& size, const std::array<std::size_t, 6>& box) {
    Volume image = zeroVolume(size, PixelType::Int16);
    for (std::size_t z = box[4]; z <= box[5]; ++z)
        for (std::size_t y = box[2]; y <= box[3]; ++y)
            for (std::size_t x = box[0]; x <= box[1]; ++x)
                image.as<std::int16_t>()[linearIndex(image, x, y, z)] = 100;
    return image;
}

TEST(RegionGrow, SliceRegionStopsAtTheIntensityBoundary) {
    const Volume image = boxImage({20, 20, 3}, {5, 14, 5, 14, 0, 2});
    Volume labels = zeroVolume({20, 20, 3});
    const auto original = snapshot(labels);
    RegionGrow::Options o;
    o.connectivity = Connectivity::slice4(2);
    o.image = &image;
    o.low = 50;
    o.high = 150;
    const auto r = RegionGrow::grow(labels, {10, 10, 1}, o, PaintRule{});
    EXPECT_EQ(r.regionVoxels, 100u);  // the 10 x 10 box on slice 1 only
    EXPECT_EQ(r.edit.changedVoxels(), 100u);
    for (std::size_t z = 0; z < 3; ++z)
        for (std::size_t y = 0; y < 20; ++y)
            for (std::size_t x = 0; x < 20; ++x) {
                const bool in = z == 1 && x >= 5 && x <= 14 && y >= 5 && y <= 14;
                ASSERT_EQ(labelAt(labels, x, y, z), in ? 1 : 0) << x << "," << y << "," << z;
            }
    r.edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // In 3D the same seed finds the whole 10 x 10 x 3 box.
    o.connectivity = Connectivity::volume6();
    EXPECT_EQ(RegionGrow::grow(labels, {10, 10, 1}, o, PaintRule{}).edit.changedVoxels(), 300u);
}

TEST(RegionGrow, LockedLabelsAreWalls) {
    const Volume image = boxImage({20, 20, 1}, {0, 19, 0, 19, 0, 0});  // uniform
    Volume labels = zeroVolume({20, 20, 1});
    for (std::size_t y = 0; y < 20; ++y)
        labelAt(labels, 10, y, 0) = 2;  // a locked wall at x = 10
    PaintRule rule;
    rule.value = 1;
    rule.locked[2] = true;
    RegionGrow::Options o;
    o.connectivity = Connectivity::slice4(2);
    o.image = &image;
    o.low = 0;
    o.high = 200;
    const auto r = RegionGrow::grow(labels, {3, 7, 0}, o, rule);
    EXPECT_EQ(r.edit.changedVoxels(), 200u);  // columns 0..9
    EXPECT_EQ(countValue(labels, 1), 200u);
    EXPECT_EQ(countValue(labels, 2), 20u);
    EXPECT_EQ(labelAt(labels, 11, 0, 0), 0);
    // Unlocked, the wall is crossed and overwritten: all 400 voxels hold 1.
    rule.locked[2] = false;
    EXPECT_EQ(RegionGrow::grow(labels, {3, 7, 0}, o, rule).edit.changedVoxels(), 200u);
    EXPECT_EQ(countValue(labels, 1), 400u);
}

TEST(RegionGrow, FloodFillStaysInsideTheSeedsLabelRegion) {
    // A ring of label 1 (outline of the square 2..7) on a 10 x 10 slice: inside it 4 x 4 = 16 zeros.
    Volume labels = zeroVolume({10, 10, 1});
    for (std::size_t k = 2; k <= 7; ++k) {
        labelAt(labels, k, 2, 0) = labelAt(labels, k, 7, 0) = 1;
        labelAt(labels, 2, k, 0) = labelAt(labels, 7, k, 0) = 1;
    }
    const auto original = snapshot(labels);
    RegionGrow::Options o;
    o.connectivity = Connectivity::slice4(2);
    o.sameLabel = true;
    PaintRule rule;
    rule.value = 3;
    const auto inside = RegionGrow::grow(labels, {4, 4, 0}, o, rule);
    EXPECT_EQ(inside.edit.changedVoxels(), 16u);
    EXPECT_EQ(labelAt(labels, 3, 3, 0), 3);
    EXPECT_EQ(labelAt(labels, 0, 0, 0), 0);
    EXPECT_EQ(countValue(labels, 1), 20u);
    inside.edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
    // From outside: 100 - 36 = 64 voxels. From the ring itself: its 20 voxels become 3.
    EXPECT_EQ(RegionGrow::grow(labels, {0, 9, 0}, o, rule).edit.changedVoxels(), 64u);
    EXPECT_EQ(RegionGrow::grow(labels, {2, 5, 0}, o, rule).edit.changedVoxels(), 20u);
    // A seed already holding the value changes nothing.
    EXPECT_TRUE(RegionGrow::grow(labels, {2, 5, 0}, o, rule).edit.empty());
}

TEST(RegionGrow, FourConnectivityDoesNotCrossDiagonals) {
    // Label 1 on the diagonal x == y: every voxel is its own 4-connected region.
    Volume labels = zeroVolume({6, 6, 1});
    for (std::size_t k = 0; k < 6; ++k)
        labelAt(labels, k, k, 0) = 1;
    RegionGrow::Options o;
    o.connectivity = Connectivity::slice4(2);
    o.sameLabel = true;
    PaintRule rule;
    rule.value = 2;
    EXPECT_EQ(RegionGrow::grow(labels, {3, 3, 0}, o, rule).edit.changedVoxels(), 1u);
    // The zeros on either side of the diagonal are separate: 15 below it (y > x).
    EXPECT_EQ(RegionGrow::grow(labels, {0, 5, 0}, o, rule).edit.changedVoxels(), 15u);
}

TEST(RegionGrow, SagittalSliceUsesItsOwnPlane) {
    // Across x, the slice x = 2 holds a 3 (y) x 4 (z) box of 100; the seed's slice only.
    const Volume image = boxImage({5, 8, 8}, {0, 4, 1, 3, 2, 5});
    Volume labels = zeroVolume({5, 8, 8});
    const auto original = snapshot(labels);
    RegionGrow::Options o;
    o.connectivity = Connectivity::slice4(0);
    o.image = &image;
    o.low = 100;
    o.high = 100;
    const auto r = RegionGrow::grow(labels, {2, 2, 3}, o, PaintRule{});
    EXPECT_EQ(r.edit.changedVoxels(), 12u);
    for (std::size_t y = 1; y <= 3; ++y)
        for (std::size_t z = 2; z <= 5; ++z)
            EXPECT_EQ(labelAt(labels, 2, y, z), 1);
    r.edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

// Float image: 200 in the ball of radius 10 around (20, 20, 20), 0 elsewhere.
Volume sphereImage() {
    Volume image = zeroVolume({41, 41, 41}, PixelType::Float32);
    for (std::size_t z = 0; z < 41; ++z)
        for (std::size_t y = 0; y < 41; ++y)
            for (std::size_t x = 0; x < 41; ++x) {
                const long dx = long(x) - 20, dy = long(y) - 20, dz = long(z) - 20;
                if (dx * dx + dy * dy + dz * dz <= 100)
                    image.as<float>()[linearIndex(image, x, y, z)] = 200.f;
            }
    return image;
}

TEST(RegionGrow, FindsASphereVoxelForVoxel) {
    const Volume image = sphereImage();
    Volume labels = zeroVolume({41, 41, 41});
    const auto original = snapshot(labels);
    RegionGrow::Options o;
    o.image = &image;
    o.low = 150;
    o.high = 250;
    const auto r = RegionGrow::grow(labels, {20, 20, 20}, o, PaintRule{});
    // Lattice points with x^2 + y^2 + z^2 <= 100: 4169.
    EXPECT_EQ(r.regionVoxels, 4169u);
    EXPECT_EQ(r.edit.changedVoxels(), 4169u);
    for (std::size_t i = 0; i < labels.voxelCount(); ++i)
        ASSERT_EQ(labels.as<std::uint8_t>()[i], image.as<float>()[i] > 0 ? 1 : 0) << i;
    r.edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(RegionGrow, LimitAndCancellationChangeNothing) {
    const Volume image = sphereImage();
    Volume labels = zeroVolume({41, 41, 41});
    const auto original = snapshot(labels);
    RegionGrow::Options o;
    o.image = &image;
    o.low = 150;
    o.high = 250;
    o.maxVoxels = 4168;
    const auto r = RegionGrow::grow(labels, {20, 20, 20}, o, PaintRule{});
    EXPECT_TRUE(r.limitReached);
    EXPECT_TRUE(r.edit.empty());
    EXPECT_EQ(snapshot(labels), original);
    o.maxVoxels = 4169;  // exactly the region: allowed
    EXPECT_FALSE(RegionGrow::grow(labels, {20, 20, 20}, o, PaintRule{}).limitReached);
    JobContext job;
    job.requestCancel();
    EXPECT_THROW(RegionGrow::grow(labels, {20, 20, 20}, o, PaintRule{}, &job), CancelledError);
    // A seed outside the range grows nothing; a seed outside the volume throws.
    EXPECT_TRUE(RegionGrow::grow(labels, {0, 0, 0}, o, PaintRule{}).edit.empty());
    EXPECT_THROW(RegionGrow::grow(labels, {41, 0, 0}, o, PaintRule{}), std::invalid_argument);
}

TEST(RegionGrow, Performance512x512x300) {
    // A 400 x 400 x 250 block of 100 in an Int16 CT-sized volume: 40 M voxels in the region.
    const Volume image = boxImage({512, 512, 300}, {50, 449, 50, 449, 20, 269});
    Volume labels = zeroVolume({512, 512, 300});
    RegionGrow::Options o;
    o.image = &image;
    o.low = 50;
    o.high = 150;
    JobContext job;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = RegionGrow::grow(labels, {256, 256, 150}, o, PaintRule{}, &job);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ perf     ] RegionGrow 3D, 40 M voxel region in 512x512x300: %.0f ms\n", ms);
    EXPECT_EQ(r.edit.changedVoxels(), 400u * 400u * 250u);
}

}  // namespace
}  // namespace cadview::test
