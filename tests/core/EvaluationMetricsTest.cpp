// Evaluation metrics against values computed by hand (the working is in the comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "evaluation/ConfidenceInterval.h"
#include "evaluation/Overlap.h"
#include "evaluation/RocAnalysis.h"
#include "evaluation/SurfaceDistance.h"

using namespace cadview;

namespace {

ImageGeometry grid(std::size_t nx, std::size_t ny, std::size_t nz, Vec3 spacing) {
    ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = spacing;
    return g;
}

// A box [x0, x1] x [y0, y1] x [z0, z1] (inclusive) set to 1.
std::vector<std::uint8_t> box(const ImageGeometry& g, int x0, int x1, int y0, int y1, int z0, int z1) {
    std::vector<std::uint8_t> m(g.voxelCount(), 0);
    for (int z = z0; z <= z1; ++z)
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                m[(std::size_t(z) * g.size[1] + std::size_t(y)) * g.size[0] + std::size_t(x)] = 1;
    return m;
}

}  // namespace

TEST(Overlap, DiceOfShiftedSquaresAndIgnoredVoxels) {
    const auto g = grid(10, 8, 1, {0.5, 2.0, 1.0});
    const auto a = box(g, 2, 5, 2, 5, 0, 0);  // 16 voxels
    const auto b = box(g, 4, 7, 2, 5, 0, 0);  // 16 voxels, 8 shared (x = 4, 5)
    const Overlap o = Overlap::of(a.data(), b.data(), a.size());
    EXPECT_EQ(o.reference, 16u);
    EXPECT_EQ(o.predicted, 16u);
    EXPECT_EQ(o.intersection, 8u);
    EXPECT_DOUBLE_EQ(o.dice(), 0.5);          // 2 * 8 / 32
    EXPECT_DOUBLE_EQ(o.jaccard(), 8.0 / 24);  // 8 / (16 + 16 - 8)
    EXPECT_DOUBLE_EQ(o.sensitivity(), 0.5);
    // Leaving out column x = 2 (4 reference voxels): 2 * 8 / (12 + 16).
    const auto ignore = box(g, 2, 2, 0, 7, 0, 0);
    const Overlap oi = Overlap::of(a.data(), b.data(), a.size(), ignore.data());
    EXPECT_EQ(oi.reference, 12u);
    EXPECT_DOUBLE_EQ(oi.dice(), 16.0 / 28);
    EXPECT_EQ(oi.total, 80u - 8u);
}

TEST(Overlap, EmptyMasksAgreePerfectly) {
    const std::vector<std::uint8_t> none(20, 0), one = [] {
        std::vector<std::uint8_t> v(20, 0);
        v[3] = 1;
        return v;
    }();
    EXPECT_DOUBLE_EQ(Overlap::of(none.data(), none.data(), 20).dice(), 1.0);
    EXPECT_DOUBLE_EQ(Overlap::of(one.data(), none.data(), 20).dice(), 0.0);
    EXPECT_TRUE(std::isnan(Overlap::of(none.data(), one.data(), 20).sensitivity()));
}

TEST(SurfaceDistance, PercentileInterpolatesLinearlyLikeNumpy) {
    EXPECT_DOUBLE_EQ(SurfaceDistance::percentile({4, 1, 3, 2}, 50), 2.5);
    std::vector<double> v;
    for (int i = 0; i <= 10; ++i)
        v.push_back(i);
    EXPECT_DOUBLE_EQ(SurfaceDistance::percentile(v, 95), 9.5);  // rank 9.5 between 9 and 10
    EXPECT_DOUBLE_EQ(SurfaceDistance::percentile(v, 0), 0);
    EXPECT_TRUE(std::isnan(SurfaceDistance::percentile({}, 95)));
}

TEST(SurfaceDistance, ShiftedSquaresInAnisotropicPixels) {
    // 4 x 4 squares shifted by 2 columns; columns are 0.5 mm apart, rows 2 mm. Each square's 12 surface
    // pixels lie 0 (4 of them), 1 column (4) and 2 columns (4) from the other's surface: sorted
    // 0,0,0,0, .5,.5,.5,.5, 1,1,1,1 mm; the 95th percentile (rank 10.45) is 1 mm both ways.
    const auto g = grid(10, 8, 1, {0.5, 2.0, 1.0});
    const auto a = box(g, 2, 5, 2, 5, 0, 0);
    const auto b = box(g, 4, 7, 2, 5, 0, 0);
    auto d = SurfaceDistance::directed(a.data(), b.data(), g);
    std::sort(d.begin(), d.end());
    const std::vector<double> expected{0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1};
    ASSERT_EQ(d.size(), expected.size());
    for (std::size_t i = 0; i < d.size(); ++i)
        EXPECT_NEAR(d[i], expected[i], 1e-6) << i;
    EXPECT_NEAR(SurfaceDistance::hausdorff95(a.data(), b.data(), g), 1.0, 1e-6);
    EXPECT_NEAR(SurfaceDistance::hausdorff95(a.data(), a.data(), g), 0.0, 1e-9);
}

TEST(SurfaceDistance, SingleVoxelsAtAPythagoreanDistance) {
    // (0,0,0) and (3,4,0) in 1 mm voxels: 5 mm. (1,1,1) and (1,1,3) with 2.5 mm slices: 5 mm.
    const auto g = grid(6, 6, 1, {1, 1, 1});
    const auto a = box(g, 0, 0, 0, 0, 0, 0), b = box(g, 3, 3, 4, 4, 0, 0);
    EXPECT_NEAR(SurfaceDistance::hausdorff95(a.data(), b.data(), g), 5.0, 1e-5);
    const auto g3 = grid(4, 4, 5, {1, 1, 2.5});
    const auto c = box(g3, 1, 1, 1, 1, 1, 1), e = box(g3, 1, 1, 1, 1, 3, 3);
    EXPECT_NEAR(SurfaceDistance::hausdorff95(c.data(), e.data(), g3), 5.0, 1e-5);
}

TEST(SurfaceDistance, CubesShiftedOneThickSlice) {
    // 4 x 4 x 4 cubes one 3 mm slice apart: most surface voxels of one lie on the other's surface or one
    // slice (3 mm) from it; the top and bottom faces' interior is 3 mm from the nearest surface voxel, so the
    // 95th percentile is 3 mm (scipy.ndimage gives the same).
    const auto g = grid(8, 8, 8, {1, 1, 3});
    const auto a = box(g, 2, 5, 2, 5, 2, 5), b = box(g, 2, 5, 2, 5, 3, 6);
    EXPECT_NEAR(SurfaceDistance::hausdorff95(a.data(), b.data(), g), 3.0, 1e-5);
}

TEST(SurfaceDistance, EmptyMasks) {
    const auto g = grid(5, 5, 1, {1, 1, 1});
    const std::vector<std::uint8_t> none(25, 0);
    const auto a = box(g, 1, 2, 1, 2, 0, 0);
    EXPECT_DOUBLE_EQ(SurfaceDistance::hausdorff95(none.data(), none.data(), g), 0.0);
    EXPECT_TRUE(std::isnan(SurfaceDistance::hausdorff95(a.data(), none.data(), g)));
    EXPECT_TRUE(SurfaceDistance::directed(a.data(), none.data(), g).empty());
}

TEST(RocAnalysis, AucWithDeLongIntervalByHand) {
    // Positives .9 .8 .4, negatives .7 .4 .2 .1. Pairs won: .9 -> 4, .8 -> 4, .4 -> 2 + a tie (1/2):
    // AUC = 10.5 / 12 = .875. DeLong: V10 = {1, 1, .625} (sample variance .046875), V01 = {2/3, 5/6, 1, 1}
    // (sample variance .0254630); var = .046875 / 3 + .0254630 / 4 = .0219907; .875 +- 1.96 * .148293.
    const RocAnalysis roc({0.9, 0.7, 0.8, 0.4, 0.4, 0.2, 0.1},
                          {true, false, true, true, false, false, false});
    EXPECT_EQ(roc.positives(), 3u);
    EXPECT_EQ(roc.negatives(), 4u);
    const ConfidenceInterval auc = roc.auc();
    EXPECT_DOUBLE_EQ(auc.estimate, 0.875);
    EXPECT_NEAR(auc.low, 0.5843515, 1e-6);
    EXPECT_DOUBLE_EQ(auc.high, 1.0);  // 1.1656 clipped
}

TEST(RocAnalysis, PerfectAndInvertedScores) {
    const RocAnalysis perfect({0.1, 0.2, 0.8, 0.9}, {false, false, true, true});
    EXPECT_DOUBLE_EQ(perfect.auc().estimate, 1.0);
    EXPECT_DOUBLE_EQ(perfect.auc().low, 1.0);  // no variance left
    const RocAnalysis inverted({0.9, 0.8, 0.2, 0.1}, {false, false, true, true});
    EXPECT_DOUBLE_EQ(inverted.auc().estimate, 0.0);
    const RocAnalysis onlyPositives({0.3, 0.4}, {true, true});
    EXPECT_TRUE(std::isnan(onlyPositives.auc().estimate));
}

TEST(RocAnalysis, SensitivityAndSpecificityAtThresholdWithWilsonIntervals) {
    // At 0.5: positives .9 .8 called (2 of 3), .4 missed; negatives .4 .2 .1 below (3 of 4), .7 above.
    // Wilson 2/3: .2076596 - .9385081; 3/4: .3006418 - .9544127. A score equal to the threshold is positive.
    const RocAnalysis roc({0.9, 0.7, 0.8, 0.4, 0.4, 0.2, 0.1},
                          {true, false, true, true, false, false, false});
    const auto se = roc.sensitivity(0.5), sp = roc.specificity(0.5);
    EXPECT_DOUBLE_EQ(se.estimate, 2.0 / 3);
    EXPECT_NEAR(se.low, 0.2076596, 1e-6);
    EXPECT_NEAR(se.high, 0.9385081, 1e-6);
    EXPECT_DOUBLE_EQ(sp.estimate, 0.75);
    EXPECT_NEAR(sp.low, 0.3006418, 1e-6);
    EXPECT_NEAR(sp.high, 0.9544127, 1e-6);
    EXPECT_DOUBLE_EQ(roc.sensitivity(0.4).estimate, 1.0);
    EXPECT_DOUBLE_EQ(roc.specificity(0.4).estimate, 0.5);
}

TEST(ConfidenceInterval, WilsonByHand) {
    // 8 / 10: centre (.8 + 1.92/10) / 1.384 = .7167, half 1.96 sqrt(.016 + .0096) / 1.384 = .2266.
    const auto c = ConfidenceInterval::wilson(8, 10);
    EXPECT_DOUBLE_EQ(c.estimate, 0.8);
    EXPECT_NEAR(c.low, 0.4901625, 1e-6);
    EXPECT_NEAR(c.high, 0.9433178, 1e-6);
    EXPECT_NEAR(ConfidenceInterval::wilson(0, 5).high, 0.4344825, 1e-6);
    EXPECT_DOUBLE_EQ(ConfidenceInterval::wilson(0, 5).low, 0.0);
    EXPECT_NEAR(ConfidenceInterval::wilson(5, 5).low, 0.5655175, 1e-6);
    EXPECT_TRUE(std::isnan(ConfidenceInterval::wilson(0, 0).estimate));
}

TEST(ConfidenceInterval, BootstrapMeanIsDeterministicAndBracketsTheMean) {
    const std::vector<double> v{0.91, 0.95, 0.88, 0.97, 0.93, 0.60, 0.94, 0.96};
    const auto a = ConfidenceInterval::bootstrapMean(v), b = ConfidenceInterval::bootstrapMean(v);
    EXPECT_DOUBLE_EQ(a.estimate, 0.8925);
    EXPECT_DOUBLE_EQ(a.low, b.low);
    EXPECT_DOUBLE_EQ(a.high, b.high);
    EXPECT_LT(a.low, a.estimate);
    EXPECT_GT(a.high, a.estimate);
    EXPECT_GE(a.low, 0.60);
    EXPECT_LE(a.high, 0.97);
    // The outlier (.60) pulls the lower end further than the upper one.
    EXPECT_GT(a.estimate - a.low, a.high - a.estimate);
    const auto same = ConfidenceInterval::bootstrapMean({0.5, 0.5, 0.5});
    EXPECT_DOUBLE_EQ(same.low, 0.5);
    EXPECT_DOUBLE_EQ(same.high, 0.5);
    EXPECT_TRUE(std::isnan(ConfidenceInterval::bootstrapMean({}).estimate));
}
