// PolygonFill: which pixel centres a polygon fills (hand-counted squares and triangles, the edge rule,
// non-zero against even-odd), on every slice orientation, through the PaintRule and as one undoable edit.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "AnnotationTestVolumes.h"
#include "annotation/PolygonFill.h"

namespace cadview::test {
namespace {

using Points = std::vector<PolygonFill::Point>;

std::size_t countSpans(const Points& polygon, std::size_t w, std::size_t h, PolygonFill::FillRule rule) {
    std::size_t n = 0;
    PolygonFill::spans(polygon, w, h, rule,
                       [&](std::size_t, std::size_t first, std::size_t last) { n += last - first + 1; });
    return n;
}

TEST(PolygonFill, SquareFillsExactlyTheCentresInside) {
    Volume labels = zeroVolume({10, 10, 3});
    const auto original = snapshot(labels);
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    rule.value = 2;
    // Centres with 1.5 < column < 5.5 and 1.5 < row < 4.5: columns 2..5, rows 2..4, 12 pixels.
    const Points square{{1.5, 1.5}, {5.5, 1.5}, {5.5, 4.5}, {1.5, 4.5}};
    EXPECT_EQ(PolygonFill::fill(recorder, rule, 2, 1, square), 12u);
    for (std::size_t z = 0; z < 3; ++z)
        for (std::size_t y = 0; y < 10; ++y)
            for (std::size_t x = 0; x < 10; ++x) {
                const bool inside = z == 1 && x >= 2 && x <= 5 && y >= 2 && y <= 4;
                EXPECT_EQ(labelAt(labels, x, y, z), inside ? 2 : 0) << x << "," << y << "," << z;
            }
    const LabelEdit edit = recorder.finish("Polygon");
    EXPECT_EQ(edit.changedVoxels(), 12u);
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(PolygonFill, TriangleFillsCentresStrictlyInside) {
    // Legs on x = 0.5 and y = 0.5, hypotenuse x + y = 9: centres i, j >= 1 with i + j <= 8 (those with
    // i + j = 9 lie on the right edge and stay out): 7 + 6 + ... + 1 = 28.
    const Points triangle{{0.5, 0.5}, {8.5, 0.5}, {0.5, 8.5}};
    std::vector<int> filled(100, 0);
    PolygonFill::spans(triangle, 10, 10, PolygonFill::FillRule::NonZero,
                       [&](std::size_t row, std::size_t first, std::size_t last) {
                           for (std::size_t c = first; c <= last; ++c)
                               ++filled[row * 10 + c];
                       });
    std::size_t n = 0;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j) {
            const bool inside = i >= 1 && j >= 1 && i + j <= 8;
            EXPECT_EQ(filled[std::size_t(j * 10 + i)], inside ? 1 : 0) << i << "," << j;
            n += std::size_t(filled[std::size_t(j * 10 + i)]);
        }
    EXPECT_EQ(n, 28u);
}

TEST(PolygonFill, CentresOnTheOutlineFollowTheTopLeftRule) {
    // Vertices on pixel centres: left column 1 and top row 1 are in, right column 4 and bottom row 4 out.
    const Points square{{1, 1}, {4, 1}, {4, 4}, {1, 4}};
    EXPECT_EQ(countSpans(square, 10, 10, PolygonFill::FillRule::NonZero), 9u);
    // Two squares sharing the edge x = 4 never share a pixel: 9 + 9.
    const Points right{{4, 1}, {7, 1}, {7, 4}, {4, 4}};
    EXPECT_EQ(countSpans(right, 10, 10, PolygonFill::FillRule::NonZero), 9u);
}

TEST(PolygonFill, NonZeroFillsADoubleLoopEvenOddDoesNot) {
    // The same 3 x 3 square traversed twice: winding number 2 inside, crossing count even.
    const Points twice{{1.5, 1.5}, {4.5, 1.5}, {4.5, 4.5}, {1.5, 4.5},
                       {1.5, 1.5}, {4.5, 1.5}, {4.5, 4.5}, {1.5, 4.5}};
    EXPECT_EQ(countSpans(twice, 10, 10, PolygonFill::FillRule::NonZero), 9u);
    EXPECT_EQ(countSpans(twice, 10, 10, PolygonFill::FillRule::EvenOdd), 0u);
    // A lasso crossing itself at (4.5, 4.5): a bow tie with lobes on the left (x = 0.5 to the diagonals)
    // and right (diagonals to x = 8.5), winding -1 and +1. Row j crosses at 0.5, min(j, 9-j), max(j, 9-j)
    // and 8.5: j = 1..4 gives (j - 1) + j pixels, j = 5..8 gives (8 - j) + (9 - j):
    // 1 + 3 + 5 + 7 + 7 + 5 + 3 + 1 = 32 under either rule.
    const Points bowTie{{0.5, 0.5}, {8.5, 8.5}, {8.5, 0.5}, {0.5, 8.5}};
    EXPECT_EQ(countSpans(bowTie, 10, 10, PolygonFill::FillRule::NonZero), 32u);
    EXPECT_EQ(countSpans(bowTie, 10, 10, PolygonFill::FillRule::EvenOdd), 32u);
}

TEST(PolygonFill, ClipsToTheSlice) {
    // Covers the whole 6 x 4 slice and more.
    const Points big{{-10, -10}, {20, -10}, {20, 20}, {-10, 20}};
    EXPECT_EQ(countSpans(big, 6, 4, PolygonFill::FillRule::NonZero), 24u);
    EXPECT_EQ(countSpans({{1, 1}, {2, 2}}, 6, 4, PolygonFill::FillRule::NonZero), 0u);  // not a polygon
}

TEST(PolygonFill, RespectsLockedLabelsAndTheThreshold) {
    Volume labels = zeroVolume({10, 10, 1});
    Volume image = zeroVolume({10, 10, 1}, PixelType::Int16);
    labelAt(labels, 3, 3, 0) = 7;                                 // locked
    labelAt(labels, 4, 3, 0) = 5;                                 // not locked: overwritten
    image.as<std::int16_t>()[linearIndex(image, 2, 2, 0)] = 500;  // outside [-100, 100]
    const auto original = snapshot(labels);
    PaintRule rule;
    rule.value = 1;
    rule.locked[7] = true;
    rule.image = &image;
    rule.low = -100;
    rule.high = 100;
    LabelEditRecorder recorder(labels);
    const Points square{{1.5, 1.5}, {5.5, 1.5}, {5.5, 4.5}, {1.5, 4.5}};  // 12 pixels
    EXPECT_EQ(PolygonFill::fill(recorder, rule, 2, 0, square), 10u);
    EXPECT_EQ(labelAt(labels, 3, 3, 0), 7);
    EXPECT_EQ(labelAt(labels, 4, 3, 0), 1);
    EXPECT_EQ(labelAt(labels, 2, 2, 0), 0);
    EXPECT_EQ(countValue(labels, 1), 10u);
    const LabelEdit edit = recorder.finish("Polygon");
    edit.revert(labels);
    EXPECT_EQ(snapshot(labels), original);
}

TEST(PolygonFill, SagittalAndCoronalSlicesMapColumnsAndRows) {
    // Across x (sagittal): columns are y, rows are z. Across y (coronal): columns x, rows z.
    const Points box{{0.5, 1.5}, {2.5, 1.5}, {2.5, 3.5}, {0.5, 3.5}};  // columns 1..2, rows 2..3
    Volume labels = zeroVolume({5, 6, 7});
    LabelEditRecorder recorder(labels);
    PaintRule rule;
    EXPECT_EQ(PolygonFill::fill(recorder, rule, 0, 4, box), 4u);
    for (std::size_t y : {1, 2})
        for (std::size_t z : {2, 3})
            EXPECT_EQ(labelAt(labels, 4, y, z), 1);
    rule.value = 3;
    EXPECT_EQ(PolygonFill::fill(recorder, rule, 1, 5, box), 4u);
    for (std::size_t x : {1, 2})
        for (std::size_t z : {2, 3})
            EXPECT_EQ(labelAt(labels, x, 5, z), 3);
    EXPECT_EQ(countValue(labels, 1) + countValue(labels, 3), 8u);
    EXPECT_THROW(PolygonFill::fill(recorder, rule, 1, 6, box), std::invalid_argument);
}

TEST(PolygonFill, LassoOn512SliceIsFast) {
    // A 2000-vertex circle of radius 200 around (256, 256): area pi r^2 = 125664 pixels, within the
    // outline's length (a pixel per unit of perimeter, 2 pi r = 1257).
    Points lasso;
    for (int k = 0; k < 2000; ++k) {
        const double a = 2 * M_PI * k / 2000;
        lasso.push_back({256 + 200 * std::cos(a), 256 + 200 * std::sin(a)});
    }
    Volume labels = zeroVolume({512, 512, 1});
    LabelEditRecorder recorder(labels);
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t n = PolygonFill::fill(recorder, PaintRule{}, 2, 0, lasso);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ perf     ] PolygonFill 2000-vertex lasso on 512x512: %.2f ms\n", ms);
    EXPECT_NEAR(double(n), M_PI * 200 * 200, 2 * M_PI * 200);
}

}  // namespace
}  // namespace cadview::test
