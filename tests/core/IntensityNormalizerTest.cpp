// IntensityNormalizer: each documented normalisation (docs/model-manifest.md) as the linear map
// clip((v - offset) * scale), with statistics from the whole image.
#include <gtest/gtest.h>

#include <cmath>

#include "inference/IntensityNormalizer.h"

namespace cadview {
namespace {

Volume volumeOf(const std::vector<std::int16_t>& values) {
    ImageGeometry g;
    g.size = {values.size(), 1, 1};
    Volume v(g, PixelType::Int16);
    std::copy(values.begin(), values.end(), v.as<std::int16_t>());
    return v;
}

ModelManifest manifestWith(ModelManifest::Normalization n) {
    ModelManifest m;
    m.normalization = n;
    return m;
}

TEST(IntensityNormalizer, WindowMapsTheWindowToZeroOneAndClips) {
    ModelManifest m = manifestWith(ModelManifest::Normalization::Window);
    m.windowCenter = 40;
    m.windowWidth = 400;
    const IntensityNormalizer n(m, volumeOf({0}));
    EXPECT_FLOAT_EQ(n(-160), 0.0f);
    EXPECT_FLOAT_EQ(n(40), 0.5f);
    EXPECT_FLOAT_EQ(n(240), 1.0f);
    EXPECT_FLOAT_EQ(n(140), 0.75f);
    EXPECT_EQ(n(-1000), 0.0f);
    EXPECT_EQ(n(3000), 1.0f);
}

TEST(IntensityNormalizer, MinMaxUsesTheImagesRange) {
    const IntensityNormalizer n(manifestWith(ModelManifest::Normalization::MinMax),
                                volumeOf({30, 10, 50, 20}));
    EXPECT_DOUBLE_EQ(n.offset(), 10);
    EXPECT_DOUBLE_EQ(n.scale(), 1.0 / 40);
    EXPECT_FLOAT_EQ(n(10), 0.0f);
    EXPECT_FLOAT_EQ(n(30), 0.5f);
    EXPECT_FLOAT_EQ(n(50), 1.0f);
}

TEST(IntensityNormalizer, ZScoreIsNotClipped) {
    const IntensityNormalizer n(manifestWith(ModelManifest::Normalization::ZScore), volumeOf({1, 2, 3, 4}));
    const double sd = std::sqrt(1.25);  // population deviation, as numpy's std()
    EXPECT_FLOAT_EQ(n(2.5), 0.0f);
    EXPECT_FLOAT_EQ(n(4), float(1.5 / sd));
    EXPECT_FLOAT_EQ(n(100), float(97.5 / sd));
    EXPECT_FLOAT_EQ(n(-10), float(-12.5 / sd));
}

TEST(IntensityNormalizer, PercentilesMapToZeroAndOne) {
    std::vector<std::int16_t> values;
    for (int i = 100; i >= 0; --i)
        values.push_back(std::int16_t(i));
    ModelManifest m = manifestWith(ModelManifest::Normalization::Percentile);
    m.percentileLow = 10;
    m.percentileHigh = 90;
    const IntensityNormalizer n(m, volumeOf(values));
    EXPECT_FLOAT_EQ(n(10), 0.0f);
    EXPECT_FLOAT_EQ(n(50), 0.5f);
    EXPECT_FLOAT_EQ(n(90), 1.0f);
    EXPECT_EQ(n(0), 0.0f);
    EXPECT_EQ(n(100), 1.0f);
}

TEST(IntensityNormalizer, ConstantImagesDoNotDivideByZero) {
    for (auto type : {ModelManifest::Normalization::MinMax, ModelManifest::Normalization::ZScore,
                      ModelManifest::Normalization::Percentile}) {
        const IntensityNormalizer n(manifestWith(type), volumeOf({7, 7, 7}));
        EXPECT_TRUE(std::isfinite(n(7)));
        EXPECT_FLOAT_EQ(n(7), 0.0f);
    }
}

}  // namespace
}  // namespace cadview
