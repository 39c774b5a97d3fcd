// SliceCompositor: the display pixels of a slice, checked against hand-computed values: the window
// mapping, the layout of axial, coronal and sagittal slices, and the label blend.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "image/SliceCompositor.h"

namespace cadview {
namespace {

// 4 x 3 x 2 voxels, value = 100 * z + 10 * y + x, so every voxel says where it is.
Volume ramp(PixelType type = PixelType::Int16) {
    ImageGeometry g;
    g.size = {4, 3, 2};
    Volume v(g, type);
    dispatchPixelType(type, [&](auto t) {
        using T = decltype(t);
        for (std::size_t z = 0; z < 2; ++z)
            for (std::size_t y = 0; y < 3; ++y)
                for (std::size_t x = 0; x < 4; ++x)
                    v.as<T>()[(z * 3 + y) * 4 + x] = T(100 * z + 10 * y + x);
    });
    return v;
}

std::uint8_t greyAt(const std::vector<std::uint8_t>& rgba, std::size_t width, std::size_t col,
                    std::size_t row) {
    return rgba[(row * width + col) * 4];
}

TEST(SliceCompositor, WindowMapsLinearlyAndClamps) {
    const Volume v = ramp();
    std::vector<std::uint8_t> rgba;
    SliceCompositor::Request r;
    r.normalAxis = 2;
    r.index = 1;
    r.window = {110, 20};  // 100 -> 0, 120 -> 255
    SliceCompositor::compose(v, r, rgba);
    ASSERT_EQ(rgba.size(), 4u * 3u * 4u);
    EXPECT_EQ(greyAt(rgba, 4, 0, 0), 0);    // 100
    EXPECT_EQ(greyAt(rgba, 4, 3, 0), 38);   // 103: 3/20 * 255 = 38.25
    EXPECT_EQ(greyAt(rgba, 4, 0, 1), 128);  // 110: 127.5 rounds up
    EXPECT_EQ(greyAt(rgba, 4, 0, 2), 255);  // 120
    EXPECT_EQ(greyAt(rgba, 4, 3, 2), 255);  // 123 clamps
    EXPECT_EQ(rgba[3], 255);                // opaque
    EXPECT_EQ(rgba[1], rgba[0]);            // grey
}

TEST(SliceCompositor, FloatAndIntegerVolumesMapAlike) {
    const Volume a = ramp(PixelType::Int16), b = ramp(PixelType::Float32), c = ramp(PixelType::Int32);
    std::vector<std::uint8_t> ra, rb, rc;
    SliceCompositor::Request r;
    r.index = 0;
    r.window = {10, 25};
    SliceCompositor::compose(a, r, ra);
    SliceCompositor::compose(b, r, rb);
    SliceCompositor::compose(c, r, rc);
    EXPECT_EQ(ra, rb);
    EXPECT_EQ(ra, rc);
}

TEST(SliceCompositor, CoronalAndSagittalSlicesRunAlongTheirAxes) {
    const Volume v = ramp();
    std::vector<std::uint8_t> rgba;
    SliceCompositor::Request r;
    r.window = {127.5, 255};  // value v -> grey v
    r.normalAxis = 1;         // coronal: columns along x, rows along z
    r.index = 2;
    SliceCompositor::compose(v, r, rgba);
    ASSERT_EQ(rgba.size(), 4u * 2u * 4u);
    EXPECT_EQ(greyAt(rgba, 4, 3, 0), 23);   // x 3, y 2, z 0
    EXPECT_EQ(greyAt(rgba, 4, 1, 1), 121);  // x 1, y 2, z 1
    r.normalAxis = 0;                       // sagittal: columns along y, rows along z
    r.index = 3;
    SliceCompositor::compose(v, r, rgba);
    ASSERT_EQ(rgba.size(), 3u * 2u * 4u);
    EXPECT_EQ(greyAt(rgba, 3, 2, 0), 23);   // y 2, z 0
    EXPECT_EQ(greyAt(rgba, 3, 0, 1), 103);  // y 0, z 1
}

TEST(SliceCompositor, LabelsBlendAtTheirOpacityAndZeroIsClear) {
    const Volume v = ramp();
    ImageGeometry g = v.geometry();
    Volume labels(g, PixelType::UInt8);
    std::fill_n(labels.as<std::uint8_t>(), labels.voxelCount(), std::uint8_t(0));
    labels.as<std::uint8_t>()[1] = 1;  // x 1, y 0, z 0
    std::array<SliceCompositor::Rgb, 256> colours{};
    colours[1] = {255, 0, 0};
    std::vector<std::uint8_t> rgba;
    SliceCompositor::Request r;
    r.window = {127.5, 255};
    SliceCompositor::LabelLayer layer;
    layer.labels = &labels;
    layer.colors = &colours;
    layer.opacity = 0.5;
    r.labelLayers = {layer};
    SliceCompositor::compose(v, r, rgba);
    // grey 1 under red at half opacity: (1 * 128 + 255 * 128) >> 8 = 128 red, (1 * 128) >> 8 = 0 green.
    EXPECT_EQ(rgba[4 + 0], 128);
    EXPECT_EQ(rgba[4 + 1], 0);
    EXPECT_EQ(rgba[4 + 2], 0);
    EXPECT_EQ(rgba[0], 0);  // label 0 leaves grey 0 alone
    EXPECT_EQ(rgba[8], 2);
    r.labelLayers[0].opacity = 0;
    SliceCompositor::compose(v, r, rgba);
    EXPECT_EQ(rgba[4], 1);  // invisible overlay
    std::array<bool, 256> visible{};
    r.labelLayers[0].opacity = 1;
    r.labelLayers[0].visible = &visible;  // label 1 hidden
    SliceCompositor::compose(v, r, rgba);
    EXPECT_EQ(rgba[4], 1);
}

TEST(SliceCompositor, OutlinesKeepOnlyBorderPixels) {
    ImageGeometry g;
    g.size = {5, 5, 1};
    Volume v(g, PixelType::UInt8), labels(g, PixelType::UInt8);
    std::fill_n(v.as<std::uint8_t>(), 25, std::uint8_t(0));
    std::fill_n(labels.as<std::uint8_t>(), 25, std::uint8_t(0));
    for (std::size_t y = 1; y <= 3; ++y)
        for (std::size_t x = 1; x <= 3; ++x)
            labels.as<std::uint8_t>()[y * 5 + x] = 2;  // a 3 x 3 square
    std::array<SliceCompositor::Rgb, 256> colours{};
    colours[2] = {0, 255, 0};
    SliceCompositor::Request r;
    r.window = {127.5, 255};
    SliceCompositor::LabelLayer layer;
    layer.labels = &labels;
    layer.colors = &colours;
    layer.opacity = 1.0;
    layer.outline = true;
    r.labelLayers = {layer};
    std::vector<std::uint8_t> rgba;
    SliceCompositor::compose(v, r, rgba);
    auto green = [&](std::size_t x, std::size_t y) { return rgba[(y * 5 + x) * 4 + 1]; };
    EXPECT_EQ(green(1, 1), 255);  // corner of the square
    EXPECT_EQ(green(2, 1), 255);  // edge
    EXPECT_EQ(green(2, 2), 0);    // inside: not drawn in outline mode
    EXPECT_EQ(green(0, 0), 0);    // outside
}

TEST(SliceCompositor, HeatmapIsTransparentBelowThresholdAndFollowsItsSlice) {
    const Volume v = ramp();
    ImageGeometry hg = v.geometry();
    hg.size[2] = 1;
    Volume heat(hg, PixelType::Float32);
    std::fill_n(heat.as<float>(), heat.voxelCount(), 0.1f);
    heat.as<float>()[0] = 1.0f;  // x 0, y 0
    std::array<SliceCompositor::Rgb, 256> hot{};
    hot[255] = {255, 255, 0};
    SliceCompositor::Request r;
    r.window = {127.5, 255};
    r.index = 1;
    r.heatmap.heatmap = &heat;
    r.heatmap.slice = 1;
    r.heatmap.threshold = 0.2;
    r.heatmap.opacity = 1.0;
    r.heatmap.colors = &hot;
    std::vector<std::uint8_t> rgba;
    SliceCompositor::compose(v, r, rgba);
    EXPECT_EQ(rgba[0], 255);  // 1.0 -> the top of the colour map
    EXPECT_EQ(rgba[2], 0);
    EXPECT_EQ(rgba[4], 101);  // 0.1 is below the threshold: the grey of voxel 101 shows
    r.index = 0;              // another slice: the one-slice heatmap is not drawn
    SliceCompositor::compose(v, r, rgba);
    EXPECT_EQ(rgba[0], 0);
}

}  // namespace
}  // namespace cadview
