#include "annotation/Measurement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace cadview {

Measurement Measurement::ruler(const Vec3& a, const Vec3& b, int normalAxis, std::size_t sliceIndex) {
    Measurement m;
    m.kind = Kind::Ruler;
    m.points = {a, b};
    m.normalAxis = normalAxis;
    m.sliceIndex = sliceIndex;
    return m;
}

Measurement Measurement::angle(const Vec3& a, const Vec3& vertex, const Vec3& c, int normalAxis,
                               std::size_t sliceIndex) {
    Measurement m;
    m.kind = Kind::Angle;
    m.points = {a, vertex, c};
    m.normalAxis = normalAxis;
    m.sliceIndex = sliceIndex;
    return m;
}

double Measurement::value() const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (kind == Kind::Ruler) return points.size() == 2 ? distance(points[0], points[1]) : nan;
    return points.size() == 3 ? angleDegrees(points[0], points[1], points[2]) : nan;
}

std::string Measurement::text() const {
    char buffer[64];
    if (kind == Kind::Ruler)
        std::snprintf(buffer, sizeof buffer, "%.1f mm", value());
    else
        std::snprintf(buffer, sizeof buffer, "%.1f\u00b0", value());
    return buffer;
}

double Measurement::distance(const Vec3& a, const Vec3& b) {
    return norm(b - a);
}

double Measurement::angleDegrees(const Vec3& a, const Vec3& vertex, const Vec3& c) {
    const Vec3 u = a - vertex, v = c - vertex;
    const double nu = norm(u), nv = norm(v);
    if (nu == 0.0 || nv == 0.0) return std::numeric_limits<double>::quiet_NaN();
    // atan2 of |u x v| and u . v stays accurate near 0 and 180 degrees, unlike acos.
    return std::atan2(norm(cross(u, v)), dot(u, v)) * 180.0 / 3.14159265358979323846;
}

}  // namespace cadview
