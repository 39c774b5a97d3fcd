#pragma once

#include <array>
#include <cstddef>

#include "image/Vec3.h"

namespace cadview {

// Where a regular voxel grid sits in patient space (LPS, millimetres), as in ITK and DICOM:
//   physical = origin + direction * diag(spacing) * index
// `direction` is row-major; its column c is the unit direction of index axis c.
struct ImageGeometry {
    std::array<std::size_t, 3> size{0, 0, 0};
    Vec3 spacing{1.0, 1.0, 1.0};
    Vec3 origin{0.0, 0.0, 0.0};
    std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};

    std::size_t voxelCount() const { return size[0] * size[1] * size[2]; }
    Vec3 axis(int c) const { return {direction[c], direction[3 + c], direction[6 + c]}; }
    void setAxis(int c, const Vec3& v) {
        direction[c] = v[0];
        direction[3 + c] = v[1];
        direction[6 + c] = v[2];
    }
    Vec3 indexToPhysical(const Vec3& index) const;
    Vec3 physicalToIndex(const Vec3& point) const;
    // Physical position of the grid's centre voxel.
    Vec3 center() const;
    bool isOrthonormal(double tolerance = 1e-4) const;
    // For each patient axis (0 = x/L, 1 = y/P, 2 = z/S), the index axis whose direction is closest to it,
    // and the sign (+1 when the index axis points along +patient axis).
    struct AxisMatch {
        int indexAxis;
        int sign;
    };
    std::array<AxisMatch, 3> closestIndexAxes() const;
    // Largest angle (degrees) between an index axis and the patient axis it was matched to: 0 for scans
    // aligned with the patient axes.
    double obliquityDegrees() const;
};

}  // namespace cadview
