// Measurement: rulers and angles in patient space on an oblique, anisotropic grid, checked against
// distances and angles worked out by hand in index space.
#include <gtest/gtest.h>

#include <cmath>

#include "annotation/Measurement.h"
#include "image/ImageGeometry.h"

namespace cadview::test {
namespace {

// Spacing 0.5 x 0.8 x 2 mm, rotated 30 degrees about z and tilted 20 degrees about x (orthonormal).
ImageGeometry obliqueGeometry() {
    ImageGeometry g;
    g.size = {100, 100, 50};
    g.spacing = {0.5, 0.8, 2.0};
    g.origin = {-120.0, 35.5, 410.0};
    const double a = 30 * M_PI / 180, b = 20 * M_PI / 180;
    // Rz(a) * Rx(b), row-major.
    const double rz[9] = {std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1};
    const double rx[9] = {1, 0, 0, 0, std::cos(b), -std::sin(b), 0, std::sin(b), std::cos(b)};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            double v = 0;
            for (int k = 0; k < 3; ++k)
                v += rz[r * 3 + k] * rx[k * 3 + c];
            g.direction[std::size_t(r * 3 + c)] = v;
        }
    return g;
}

TEST(Measurement, RulerOnAnObliqueGrid) {
    const ImageGeometry g = obliqueGeometry();
    ASSERT_TRUE(g.isOrthonormal());
    // 6 columns x 0.5 mm = 3 mm and 5 rows x 0.8 mm = 4 mm on one slice: 5 mm whatever the rotation.
    const Vec3 a = g.indexToPhysical({10, 20, 7}), b = g.indexToPhysical({16, 25, 7});
    const Measurement m = Measurement::ruler(a, b, 2, 7);
    EXPECT_NEAR(m.value(), 5.0, 1e-9);
    EXPECT_EQ(m.text(), "5.0 mm");
    EXPECT_EQ(m.kind, Measurement::Kind::Ruler);
    EXPECT_EQ(m.sliceIndex, 7u);
    // Across slices too: 3 slices x 2 mm = 6 mm and 8 mm in plane (16 x 0.5): 10 mm.
    EXPECT_NEAR(Measurement::distance(g.indexToPhysical({0, 0, 0}), g.indexToPhysical({16, 0, 3})), 10.0,
                1e-9);
}

TEST(Measurement, AngleOnAnObliqueGrid) {
    const ImageGeometry g = obliqueGeometry();
    const Vec3 vertex = g.indexToPhysical({50, 50, 10});
    // Arms 4 columns (2 mm) and 5 rows (4 mm): the index axes are orthogonal, 90 degrees.
    EXPECT_NEAR(
        Measurement::angleDegrees(g.indexToPhysical({54, 50, 10}), vertex, g.indexToPhysical({50, 55, 10})),
        90.0, 1e-9);
    // Arms (2 columns, 0) = (1 mm, 0) and (2 columns, 5 rows) = (1 mm, 4 mm): atan(4) = 75.96375653 deg.
    const Measurement m =
        Measurement::angle(g.indexToPhysical({52, 50, 10}), vertex, g.indexToPhysical({52, 55, 10}), 2, 10);
    EXPECT_NEAR(m.value(), 75.96375653207352, 1e-9);
    EXPECT_EQ(m.text(), "76.0\u00b0");
    // Straight and folded angles, and a zero-length arm.
    EXPECT_NEAR(Measurement::angleDegrees({-1, 0, 0}, {0, 0, 0}, {3, 0, 0}), 180.0, 1e-12);
    EXPECT_NEAR(Measurement::angleDegrees({2, 0, 0}, {0, 0, 0}, {3, 0, 0}), 0.0, 1e-12);
    EXPECT_TRUE(std::isnan(Measurement::angleDegrees({0, 0, 0}, {0, 0, 0}, {1, 0, 0})));
    Measurement broken = m;
    broken.points.pop_back();
    EXPECT_TRUE(std::isnan(broken.value()));
}

}  // namespace
}  // namespace cadview::test
