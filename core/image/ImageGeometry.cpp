#include "image/ImageGeometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cadview {

Vec3 ImageGeometry::indexToPhysical(const Vec3& index) const {
    Vec3 p = origin;
    for (int c = 0; c < 3; ++c)
        p = p + axis(c) * (index[c] * spacing[c]);
    return p;
}

Vec3 ImageGeometry::physicalToIndex(const Vec3& point) const {
    // The direction matrix is orthonormal for every volume we build, so its inverse is its transpose.
    const Vec3 d = point - origin;
    return {dot(axis(0), d) / spacing[0], dot(axis(1), d) / spacing[1], dot(axis(2), d) / spacing[2]};
}

Vec3 ImageGeometry::center() const {
    return indexToPhysical({(double(size[0]) - 1) / 2, (double(size[1]) - 1) / 2, (double(size[2]) - 1) / 2});
}

bool ImageGeometry::isOrthonormal(double tolerance) const {
    for (int a = 0; a < 3; ++a) {
        if (std::abs(norm(axis(a)) - 1.0) > tolerance) return false;
        for (int b = a + 1; b < 3; ++b)
            if (std::abs(dot(axis(a), axis(b))) > tolerance) return false;
    }
    return true;
}

std::array<ImageGeometry::AxisMatch, 3> ImageGeometry::closestIndexAxes() const {
    // Greedy assignment by largest absolute cosine; unambiguous for any orthonormal matrix.
    std::array<AxisMatch, 3> match{{{-1, 1}, {-1, 1}, {-1, 1}}};
    std::array<bool, 3> usedIndex{false, false, false};
    std::array<bool, 3> usedPatient{false, false, false};
    for (int round = 0; round < 3; ++round) {
        double best = -1;
        int bestP = 0, bestI = 0;
        for (int p = 0; p < 3; ++p) {
            if (usedPatient[p]) continue;
            for (int i = 0; i < 3; ++i) {
                if (usedIndex[i]) continue;
                const double v = std::abs(direction[p * 3 + i]);
                if (v > best) {
                    best = v;
                    bestP = p;
                    bestI = i;
                }
            }
        }
        usedPatient[bestP] = usedIndex[bestI] = true;
        match[bestP] = {bestI, direction[bestP * 3 + bestI] >= 0 ? 1 : -1};
    }
    return match;
}

double ImageGeometry::obliquityDegrees() const {
    double worst = 0;
    const auto match = closestIndexAxes();
    for (int p = 0; p < 3; ++p) {
        const double c = std::clamp(std::abs(direction[p * 3 + match[p].indexAxis]), 0.0, 1.0);
        worst = std::max(worst, std::acos(c) * 180.0 / std::numbers::pi);
    }
    return worst;
}

}  // namespace cadview
