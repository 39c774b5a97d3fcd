// Sliding windows: the starts tile every extent completely with the stride the overlap asks for, the last
// window flush with the end; the Gaussian blending weights peak in the middle, are symmetric and never
// fall below 1e-3.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "inference/SlidingWindows.h"

namespace cadview {
namespace {

using Starts = std::vector<std::size_t>;

TEST(SlidingWindows, StartsForTheDocumentedOverlap) {
    EXPECT_EQ(SlidingWindows::starts(100, 64, 0.5), (Starts{0, 32, 36}));
    EXPECT_EQ(SlidingWindows::starts(100, 64, 0.0), (Starts{0, 36}));
    EXPECT_EQ(SlidingWindows::starts(128, 64, 0.5), (Starts{0, 32, 64}));
    EXPECT_EQ(SlidingWindows::starts(67, 16, 0.5), (Starts{0, 8, 16, 24, 32, 40, 48, 51}));
}

TEST(SlidingWindows, ExtentNoLargerThanTheWindowGetsOneWindow) {
    EXPECT_EQ(SlidingWindows::starts(64, 64, 0.5), (Starts{0}));
    EXPECT_EQ(SlidingWindows::starts(30, 64, 0.5), (Starts{0}));
    EXPECT_EQ(SlidingWindows::starts(1, 1, 0.9), (Starts{0}));
}

TEST(SlidingWindows, StartsCoverEveryVoxel) {
    for (std::size_t window : {1u, 5u, 16u, 64u})
        for (std::size_t extent : {1u, 7u, 16u, 17u, 63u, 100u, 513u})
            for (double overlap : {0.0, 0.25, 0.5, 0.9}) {
                SCOPED_TRACE(testing::Message() << extent << " / " << window << " / " << overlap);
                const Starts s = SlidingWindows::starts(extent, window, overlap);
                ASSERT_FALSE(s.empty());
                EXPECT_EQ(s.front(), 0u);
                EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
                EXPECT_EQ(std::adjacent_find(s.begin(), s.end()), s.end()) << "repeated start";
                if (extent > window) {
                    EXPECT_EQ(s.back(), extent - window);
                }
                const std::size_t stride =
                    std::max<std::size_t>(1, std::size_t(std::floor(double(window) * (1 - overlap))));
                for (std::size_t i = 1; i < s.size(); ++i)
                    EXPECT_LE(s[i] - s[i - 1], stride);
            }
}

TEST(SlidingWindows, GaussianWeightsPeakInTheMiddleAndAreSymmetric) {
    const std::array<std::size_t, 3> win{5, 3, 7};
    const std::vector<float> w = SlidingWindows::gaussianWeights(win);
    ASSERT_EQ(w.size(), 5u * 3u * 7u);
    const auto at = [&](std::size_t x, std::size_t y, std::size_t z) { return w[(z * 3 + y) * 5 + x]; };
    EXPECT_FLOAT_EQ(at(2, 1, 3), 1.0f);  // the centre voxel
    EXPECT_EQ(*std::max_element(w.begin(), w.end()), at(2, 1, 3));
    for (std::size_t z = 0; z < 7; ++z)
        for (std::size_t y = 0; y < 3; ++y)
            for (std::size_t x = 0; x < 5; ++x) {
                EXPECT_FLOAT_EQ(at(x, y, z), at(4 - x, 2 - y, 6 - z));
                EXPECT_GE(at(x, y, z), 1e-3f);
            }
    // sigma = max(1, n / 8) = 1 for these small windows: one voxel off centre along x weighs exp(-1/2).
    EXPECT_FLOAT_EQ(at(3, 1, 3), float(std::exp(-0.5)));
}

TEST(SlidingWindows, GaussianWeightsOfALargeWindowAreFloored) {
    // 64 x 64 x 1: sigma 8; the corner would weigh exp(-(31.5 / 8)^2) ~ 1.9e-7, floored to 1e-3.
    const std::vector<float> w = SlidingWindows::gaussianWeights({64, 64, 1});
    EXPECT_FLOAT_EQ(w[0], 1e-3f);
    const float centre = w[32 * 64 + 32];
    EXPECT_FLOAT_EQ(centre,
                    float(std::exp(-0.5 * std::pow(0.5 / 8, 2)) * std::exp(-0.5 * std::pow(0.5 / 8, 2))));
}

}  // namespace
}  // namespace cadview
