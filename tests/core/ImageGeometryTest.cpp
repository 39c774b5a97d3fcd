// ImageGeometry (index <-> physical, centre, orthonormality, axis matching, obliquity) and the Volume
// buffer accessors. Expected values worked out by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "image/ImageGeometry.h"
#include "image/Volume.h"

namespace cadview {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// Index axis 0 points to +P, axis 1 to -S (inferior), axis 2 to -L (patient right): a permuted, flipped grid.
ImageGeometry permutedFlipped() {
    ImageGeometry g;
    g.size = {10, 20, 30};
    g.spacing = {0.5, 2.0, 3.0};
    g.origin = {10, 20, 30};
    g.setAxis(0, {0, 1, 0});
    g.setAxis(1, {0, 0, -1});
    g.setAxis(2, {-1, 0, 0});
    return g;
}

// Rotated 30 degrees about z, then 10 degrees about x.
ImageGeometry oblique() {
    const double c = std::cos(30 * kDeg), s = std::sin(30 * kDeg);
    const double cx = std::cos(10 * kDeg), sx = std::sin(10 * kDeg);
    ImageGeometry g;
    g.size = {64, 48, 12};
    g.spacing = {0.7, 0.9, 2.5};
    g.origin = {-12.5, 40.25, 7.0};
    // R = Rx(10) * Rz(30); columns are the rotated unit vectors.
    g.setAxis(0, {c, cx * s, sx * s});
    g.setAxis(1, {-s, cx * c, sx * c});
    g.setAxis(2, {0, -sx, cx});
    return g;
}

TEST(ImageGeometry, DirectionIsRowMajorWithAxesAsColumns) {
    const ImageGeometry g = permutedFlipped();
    EXPECT_EQ(g.direction, (std::array<double, 9>{0, 0, -1, 1, 0, 0, 0, -1, 0}));
    EXPECT_EQ(g.axis(1), (Vec3{0, 0, -1}));
    EXPECT_EQ(g.voxelCount(), 6000u);
}

TEST(ImageGeometry, IndexToPhysicalOnAPermutedFlippedGrid) {
    const ImageGeometry g = permutedFlipped();
    // origin + 2*0.5*(0,1,0) + 3*2*(0,0,-1) + 4*3*(-1,0,0) = (10 - 12, 20 + 1, 30 - 6)
    const Vec3 p = g.indexToPhysical({2, 3, 4});
    EXPECT_DOUBLE_EQ(p[0], -2.0);
    EXPECT_DOUBLE_EQ(p[1], 21.0);
    EXPECT_DOUBLE_EQ(p[2], 24.0);
    const Vec3 i = g.physicalToIndex({-2, 21, 24});
    EXPECT_NEAR(i[0], 2.0, 1e-12);
    EXPECT_NEAR(i[1], 3.0, 1e-12);
    EXPECT_NEAR(i[2], 4.0, 1e-12);
}

TEST(ImageGeometry, PhysicalToIndexInvertsIndexToPhysicalOnAnObliqueGrid) {
    const ImageGeometry g = oblique();
    ASSERT_TRUE(g.isOrthonormal(1e-12));
    for (const Vec3& index :
         {Vec3{0, 0, 0}, Vec3{63, 47, 11}, Vec3{12.25, -3.5, 7.75}, Vec3{1e3, 2e3, -5e2}}) {
        const Vec3 back = g.physicalToIndex(g.indexToPhysical(index));
        for (int a = 0; a < 3; ++a)
            EXPECT_NEAR(back[a], index[a], 1e-9) << a;
    }
    // One index step along axis 2 moves 2.5 mm along (0, -sin 10, cos 10).
    const Vec3 step = g.indexToPhysical({0, 0, 1}) - g.origin;
    EXPECT_NEAR(step[1], -2.5 * std::sin(10 * kDeg), 1e-12);
    EXPECT_NEAR(step[2], 2.5 * std::cos(10 * kDeg), 1e-12);
}

TEST(ImageGeometry, CenterIsTheMiddleVoxel) {
    ImageGeometry g;
    g.size = {11, 21, 5};
    g.spacing = {2, 1, 3};
    g.origin = {1, 1, 1};
    const Vec3 c = g.center();
    EXPECT_DOUBLE_EQ(c[0], 1 + 5 * 2.0);
    EXPECT_DOUBLE_EQ(c[1], 1 + 10 * 1.0);
    EXPECT_DOUBLE_EQ(c[2], 1 + 2 * 3.0);
    const Vec3 pc = permutedFlipped().center();  // index (4.5, 9.5, 14.5)
    EXPECT_DOUBLE_EQ(pc[0], 10 - 14.5 * 3.0);
    EXPECT_DOUBLE_EQ(pc[1], 20 + 4.5 * 0.5);
    EXPECT_DOUBLE_EQ(pc[2], 30 - 9.5 * 2.0);
}

TEST(ImageGeometry, ClosestIndexAxesOfAPermutedFlippedGrid) {
    const auto m = permutedFlipped().closestIndexAxes();
    EXPECT_EQ(m[0].indexAxis, 2);  // patient x (L) <- index axis 2, pointing to -L
    EXPECT_EQ(m[0].sign, -1);
    EXPECT_EQ(m[1].indexAxis, 0);  // patient y (P) <- index axis 0, pointing to +P
    EXPECT_EQ(m[1].sign, 1);
    EXPECT_EQ(m[2].indexAxis, 1);  // patient z (S) <- index axis 1, pointing to -S
    EXPECT_EQ(m[2].sign, -1);
    EXPECT_DOUBLE_EQ(permutedFlipped().obliquityDegrees(), 0.0);
}

TEST(ImageGeometry, ClosestIndexAxesAndObliquityOfARotatedGrid) {
    ImageGeometry g;
    const double c = std::cos(30 * kDeg), s = std::sin(30 * kDeg);
    g.setAxis(0, {c, s, 0});
    g.setAxis(1, {-s, c, 0});
    g.setAxis(2, {0, 0, -1});
    const auto m = g.closestIndexAxes();
    EXPECT_EQ(m[0].indexAxis, 0);
    EXPECT_EQ(m[0].sign, 1);
    EXPECT_EQ(m[1].indexAxis, 1);
    EXPECT_EQ(m[1].sign, 1);
    EXPECT_EQ(m[2].indexAxis, 2);
    EXPECT_EQ(m[2].sign, -1);
    EXPECT_NEAR(g.obliquityDegrees(), 30.0, 1e-9);
    // Past 45 degrees the axes swap: at 60 degrees index axis 1 is closer to -x.
    const double c6 = std::cos(60 * kDeg), s6 = std::sin(60 * kDeg);
    g.setAxis(0, {c6, s6, 0});
    g.setAxis(1, {-s6, c6, 0});
    const auto m6 = g.closestIndexAxes();
    EXPECT_EQ(m6[0].indexAxis, 1);
    EXPECT_EQ(m6[0].sign, -1);
    EXPECT_EQ(m6[1].indexAxis, 0);
    EXPECT_EQ(m6[1].sign, 1);
    EXPECT_NEAR(g.obliquityDegrees(), 30.0, 1e-9);
}

TEST(ImageGeometry, IsOrthonormalRejectsShearAndScale) {
    ImageGeometry g;
    EXPECT_TRUE(g.isOrthonormal());
    g.setAxis(1, normalized({0.01, 1, 0}));  // 0.57 degrees of shear
    EXPECT_FALSE(g.isOrthonormal(1e-4));
    EXPECT_TRUE(g.isOrthonormal(0.02));
    ImageGeometry scaled;
    scaled.setAxis(2, {0, 0, 1.01});
    EXPECT_FALSE(scaled.isOrthonormal());
}

TEST(Volume, BufferLayoutIsXFastestWithInterleavedComponents) {
    ImageGeometry g;
    g.size = {3, 2, 2};
    Volume v(g, PixelType::Int16);
    EXPECT_EQ(v.bytes(), 3u * 2 * 2 * 2);
    EXPECT_EQ(v.sliceBytes(), 12u);
    for (int i = 0; i < 12; ++i)
        v.as<std::int16_t>()[i] = std::int16_t(i - 6);
    EXPECT_EQ(v.valueAt(0, 0, 0), -6.0);
    EXPECT_EQ(v.valueAt(2, 0, 0), -4.0);
    EXPECT_EQ(v.valueAt(0, 1, 0), -3.0);
    EXPECT_EQ(v.valueAt(1, 1, 1), 4.0);
    EXPECT_EQ(reinterpret_cast<std::int16_t*>(v.slice(1))[0], 0);
    EXPECT_THROW(v.valueAt(3, 0, 0), std::out_of_range);
    EXPECT_THROW(v.valueAt(0, 0, 0, 1), std::out_of_range);

    Volume rgb(g, PixelType::UInt8, 3);
    for (int i = 0; i < 36; ++i)
        rgb.as<std::uint8_t>()[i] = std::uint8_t(i);
    EXPECT_EQ(rgb.valueAt(1, 0, 0, 2), 5.0);
    EXPECT_EQ(rgb.valueAt(0, 1, 0, 1), 10.0);
    EXPECT_THROW(Volume(g, PixelType::UInt8, 2), std::invalid_argument);
}

TEST(Volume, SetGeometryKeepsTheVoxelCount) {
    ImageGeometry g;
    g.size = {4, 4, 4};
    Volume v(g, PixelType::Float32);
    ImageGeometry flat = g;
    flat.size = {16, 4, 1};
    EXPECT_NO_THROW(v.setGeometry(flat));
    EXPECT_EQ(v.geometry().size[0], 16u);
    ImageGeometry bigger = g;
    bigger.size = {4, 4, 5};
    EXPECT_THROW(v.setGeometry(bigger), std::invalid_argument);
}

}  // namespace
}  // namespace cadview
