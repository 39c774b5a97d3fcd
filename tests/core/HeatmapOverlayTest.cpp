// HeatmapOverlay and HeatmapPalette: the image in grey through its window, the heat coloured with the jet
// palette at opacity 0.5 on top, nothing drawn below the threshold; on the slice the heatmap belongs to.
#include <gtest/gtest.h>

#include "image/HeatmapOverlay.h"
#include "image/HeatmapPalette.h"

namespace cadview {
namespace {

using Rgb = std::array<std::uint8_t, 3>;

TEST(HeatmapPalette, RunsFromBlueThroughCyanAndYellowToRed) {
    const auto& jet = HeatmapPalette::jet();
    EXPECT_EQ(jet[0], (Rgb{0, 0, 128}));        // dark blue
    EXPECT_EQ(jet[64], (Rgb{0, 129, 255}));     // blue to cyan
    EXPECT_EQ(jet[96], (Rgb{1, 255, 254}));     // cyan
    EXPECT_EQ(jet[128], (Rgb{130, 255, 126}));  // green
    EXPECT_EQ(jet[192], (Rgb{255, 125, 0}));    // orange
    EXPECT_EQ(jet[255], (Rgb{128, 0, 0}));      // dark red
}

Rgb pixel(const Volume& rgb, std::size_t x, std::size_t y) {
    const std::uint8_t* p = rgb.as<std::uint8_t>() + 3 * (y * rgb.geometry().size[0] + x);
    return {p[0], p[1], p[2]};
}

TEST(HeatmapOverlay, HeatOverGreyAtHalfOpacityAboveTheThreshold) {
    ImageGeometry g;
    g.size = {4, 3, 5};
    g.spacing = {0.5, 0.5, 2};
    g.origin = {1, 2, 3};
    Volume image(g, PixelType::UInt8);
    std::fill(image.as<std::uint8_t>(), image.as<std::uint8_t>() + image.voxelCount(), std::uint8_t(100));
    ImageGeometry slice = g;
    slice.size[2] = 1;
    Volume heat(slice, PixelType::Float32);
    std::fill(heat.as<float>(), heat.as<float>() + heat.voxelCount(), 0.0f);
    heat.as<float>()[0] = 1.0f;  // (0, 0)
    heat.as<float>()[1] = 0.1f;  // (1, 0): below the threshold
    heat.as<float>()[5] = 0.5f;  // (1, 1)

    const Volume out = HeatmapOverlay::render(image, heat, 2, WindowLevel{127.5, 255});
    EXPECT_EQ(out.components(), 3);
    EXPECT_EQ(out.pixelType(), PixelType::UInt8);
    EXPECT_EQ(out.geometry().size, (std::array<std::size_t, 3>{4, 3, 1}));
    EXPECT_EQ(out.geometry().origin, (Vec3{1, 2, 7}));  // the slice at index 2

    const auto blend = [](int grey, const Rgb& c) {
        return Rgb{std::uint8_t((grey * 128 + c[0] * 128) >> 8), std::uint8_t((grey * 128 + c[1] * 128) >> 8),
                   std::uint8_t((grey * 128 + c[2] * 128) >> 8)};
    };
    const auto& jet = HeatmapPalette::jet();
    EXPECT_EQ(pixel(out, 0, 0), blend(100, jet[255]));
    EXPECT_EQ(pixel(out, 1, 0), (Rgb{100, 100, 100}));
    EXPECT_EQ(pixel(out, 1, 1), blend(100, jet[128]));
    EXPECT_EQ(pixel(out, 3, 2), (Rgb{100, 100, 100}));
}

}  // namespace
}  // namespace cadview
