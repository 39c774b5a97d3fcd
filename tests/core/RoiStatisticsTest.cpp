// RoiStatistics: count, volume, area, mean, population SD, min and max under a label, on one slice and
// inside a polygon, against values computed by hand (1..N has mean (N + 1) / 2 and population SD
// sqrt((N^2 - 1) / 12)).
#include <gtest/gtest.h>

#include <cmath>

#include "AnnotationTestVolumes.h"
#include "annotation/RoiStatistics.h"

namespace cadview::test {
namespace {

// Int16 image 4 x 4 x 2, spacing 2 x 2 x 5 mm (20 mm^3 a voxel), value = linear index + 1 (1..32).
Volume rampImage(PixelType type = PixelType::Int16, double offset = 0.0) {
    Volume image = zeroVolume({4, 4, 2}, type, {2.0, 2.0, 5.0});
    dispatchPixelType(type, [&](auto zero) {
        using T = decltype(zero);
        for (std::size_t i = 0; i < 32; ++i)
            image.as<T>()[i] = T(double(i + 1) + offset);
    });
    return image;
}

TEST(RoiStatistics, LabelInTheVolume) {
    const Volume image = rampImage();
    Volume labels = zeroVolume({4, 4, 2});
    for (std::size_t i = 0; i < 10; ++i)
        labels.as<std::uint8_t>()[i] = 3;  // values 1..10
    labels.as<std::uint8_t>()[31] = 4;
    const RoiStatistics s = RoiStatistics::ofLabel(image, labels, 3);
    EXPECT_EQ(s.count, 10u);
    EXPECT_DOUBLE_EQ(s.volumeMl, 0.2);  // 10 x 20 mm^3
    EXPECT_DOUBLE_EQ(s.areaMm2, 0.0);
    EXPECT_DOUBLE_EQ(s.mean, 5.5);
    EXPECT_NEAR(s.sd, std::sqrt(99.0 / 12.0), 1e-12);  // 2.8723
    EXPECT_DOUBLE_EQ(s.min, 1.0);
    EXPECT_DOUBLE_EQ(s.max, 10.0);
    const RoiStatistics one = RoiStatistics::ofLabel(image, labels, 4);
    EXPECT_EQ(one.count, 1u);
    EXPECT_DOUBLE_EQ(one.mean, 32.0);
    EXPECT_DOUBLE_EQ(one.sd, 0.0);
    const RoiStatistics none = RoiStatistics::ofLabel(image, labels, 9);
    EXPECT_EQ(none.count, 0u);
    EXPECT_TRUE(std::isnan(none.mean));
    EXPECT_TRUE(std::isnan(none.max));
}

TEST(RoiStatistics, HounsfieldValuesAndLargeOffsetsKeepPrecision) {
    // Float32, values 1e6 + 1 .. 1e6 + 10 (exact in float): the SD is still sqrt(99 / 12).
    const Volume image = rampImage(PixelType::Float32, 1e6);
    Volume labels = zeroVolume({4, 4, 2});
    for (std::size_t i = 0; i < 10; ++i)
        labels.as<std::uint8_t>()[i] = 1;
    const RoiStatistics s = RoiStatistics::ofLabel(image, labels, 1);
    EXPECT_DOUBLE_EQ(s.mean, 1e6 + 5.5);
    EXPECT_NEAR(s.sd, std::sqrt(99.0 / 12.0), 1e-9);
    // Air and bone: -1000 and 1000 HU give mean 0, SD 1000.
    Volume ct = zeroVolume({4, 4, 2}, PixelType::Int16, {2.0, 2.0, 5.0});
    ct.as<std::int16_t>()[0] = -1000;
    ct.as<std::int16_t>()[1] = 1000;
    Volume two = zeroVolume({4, 4, 2});
    two.as<std::uint8_t>()[0] = two.as<std::uint8_t>()[1] = 1;
    const RoiStatistics hu = RoiStatistics::ofLabel(ct, two, 1);
    EXPECT_DOUBLE_EQ(hu.mean, 0.0);
    EXPECT_DOUBLE_EQ(hu.sd, 1000.0);
    EXPECT_DOUBLE_EQ(hu.min, -1000.0);
    EXPECT_DOUBLE_EQ(hu.max, 1000.0);
}

TEST(RoiStatistics, LabelOnOneSlice) {
    const Volume image = rampImage();
    Volume labels = zeroVolume({4, 4, 2});
    // Label 1 on the whole of slice z = 1 (values 17..32) and on voxel 0 of slice z = 0.
    for (std::size_t i = 16; i < 32; ++i)
        labels.as<std::uint8_t>()[i] = 1;
    labels.as<std::uint8_t>()[0] = 1;
    const RoiStatistics axial = RoiStatistics::ofLabelOnSlice(image, labels, 1, 2, 1);
    EXPECT_EQ(axial.count, 16u);
    EXPECT_DOUBLE_EQ(axial.areaMm2, 64.0);  // 16 x 2 x 2
    EXPECT_DOUBLE_EQ(axial.mean, 24.5);
    EXPECT_NEAR(axial.sd, std::sqrt(255.0 / 12.0), 1e-12);
    EXPECT_DOUBLE_EQ(axial.min, 17.0);
    EXPECT_DOUBLE_EQ(axial.max, 32.0);
    // Across x at x = 0: voxel 0 (value 1) and (0, y, 1) for y = 0..3 (values 17, 21, 25, 29); a pixel
    // is 2 x 5 mm.
    const RoiStatistics sagittal = RoiStatistics::ofLabelOnSlice(image, labels, 1, 0, 0);
    EXPECT_EQ(sagittal.count, 5u);
    EXPECT_DOUBLE_EQ(sagittal.areaMm2, 50.0);
    EXPECT_DOUBLE_EQ(sagittal.mean, (1.0 + 17 + 21 + 25 + 29) / 5);
    EXPECT_DOUBLE_EQ(sagittal.min, 1.0);
    EXPECT_THROW(RoiStatistics::ofLabelOnSlice(image, labels, 1, 2, 2), std::invalid_argument);
    EXPECT_THROW(RoiStatistics::ofLabel(image, zeroVolume({4, 4, 1}), 1), std::invalid_argument);
}

TEST(RoiStatistics, InsideAPolygon) {
    const Volume image = rampImage();
    // Centres with columns 1..2 and rows 1..2 on slice z = 0: values 6, 7, 10, 11.
    const std::vector<PolygonFill::Point> square{{0.5, 0.5}, {2.5, 0.5}, {2.5, 2.5}, {0.5, 2.5}};
    const RoiStatistics s = RoiStatistics::ofPolygon(image, 2, 0, square);
    EXPECT_EQ(s.count, 4u);
    EXPECT_DOUBLE_EQ(s.areaMm2, 16.0);
    EXPECT_DOUBLE_EQ(s.mean, 8.5);
    EXPECT_DOUBLE_EQ(s.sd, std::sqrt((2.5 * 2.5 + 1.5 * 1.5 + 1.5 * 1.5 + 2.5 * 2.5) / 4));
    EXPECT_DOUBLE_EQ(s.min, 6.0);
    EXPECT_DOUBLE_EQ(s.max, 11.0);
    // Across y at y = 3: columns x, rows z. Columns 1..2, row 1: values 1 + 16 + 12 + {1, 2} = 30, 31.
    const RoiStatistics coronal =
        RoiStatistics::ofPolygon(image, 1, 3, {{0.5, 0.5}, {2.5, 0.5}, {2.5, 1.5}, {0.5, 1.5}});
    EXPECT_EQ(coronal.count, 2u);
    EXPECT_DOUBLE_EQ(coronal.mean, 30.5);
    EXPECT_DOUBLE_EQ(coronal.areaMm2, 20.0);
}

}  // namespace
}  // namespace cadview::test
