#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "image/Vec3.h"

namespace cadview {

// A ruler or an angle drawn on a slice, kept in patient space (LPS, mm) so it stays right on oblique,
// anisotropic grids and can be listed and redrawn by the GUI. Pure geometry.
struct Measurement {
    enum class Kind { Ruler, Angle };

    Kind kind = Kind::Ruler;
    std::vector<Vec3> points;    // Ruler: A, B. Angle: A, B (the vertex), C.
    int normalAxis = 2;          // the slice it was drawn on: across this index axis ...
    std::size_t sliceIndex = 0;  // ... at this index
    std::string name;            // optional, for lists ("Ruler 1")

    static Measurement ruler(const Vec3& a, const Vec3& b, int normalAxis, std::size_t sliceIndex);
    static Measurement angle(const Vec3& a, const Vec3& vertex, const Vec3& c, int normalAxis,
                             std::size_t sliceIndex);

    // Millimetres for a ruler, degrees for an angle; NaN when the points are missing or an angle's arm
    // has zero length.
    double value() const;
    // "12.3 mm" / "45.0°".
    std::string text() const;

    // Distance in mm between two patient points.
    static double distance(const Vec3& a, const Vec3& b);
    // Angle in degrees (0..180) at `vertex` between the rays to `a` and `c`; NaN for a zero-length ray.
    static double angleDegrees(const Vec3& a, const Vec3& vertex, const Vec3& c);
};

}  // namespace cadview
