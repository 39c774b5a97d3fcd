#include "SliceAxes.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace cadview {

SliceAxes SliceAxes::compute(const ImageGeometry& g, SliceOrientation orientation) {
    // Patient axis and sign of screen right and screen up, and the patient axis along the view normal.
    struct Convention {
        int rightPatient, rightSign, upPatient, upSign, normalPatient;
    };
    Convention c{};
    switch (orientation) {
        case SliceOrientation::Axial:
            c = {0, +1, 1, -1, 2};
            break;  // right = L, up = A
        case SliceOrientation::Coronal:
            c = {0, +1, 2, +1, 1};
            break;  // right = L, up = S
        case SliceOrientation::Sagittal:
            c = {1, +1, 2, +1, 0};
            break;  // right = P, up = S
    }
    const auto match = g.closestIndexAxes();
    SliceAxes a;
    a.rightAxis = match[c.rightPatient].indexAxis;
    a.rightSign = match[c.rightPatient].sign * c.rightSign;
    a.upAxis = match[c.upPatient].indexAxis;
    a.upSign = match[c.upPatient].sign * c.upSign;
    a.normalAxis = match[c.normalPatient].indexAxis;
    a.rightPatient = g.axis(a.rightAxis) * double(a.rightSign);
    a.upPatient = g.axis(a.upAxis) * double(a.upSign);
    return a;
}

std::string SliceAxes::letters(const Vec3& d) {
    static const char* positive[3] = {"L", "P", "S"};
    static const char* negative[3] = {"R", "A", "I"};
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int x, int y) { return std::abs(d[x]) > std::abs(d[y]); });
    std::string out;
    for (int k = 0; k < 3; ++k) {
        const int axis = order[k];
        // Secondary letters only when the direction is clearly oblique (more than ~17 degrees off).
        if (k > 0 && std::abs(d[axis]) < 0.3) break;
        out += d[axis] >= 0 ? positive[axis] : negative[axis];
    }
    return out;
}

}  // namespace cadview
