#include "annotation/PaintRule.h"

namespace cadview {

bool PaintRule::inRange(std::size_t linearIndex) const {
    if (!image) return true;
    return dispatchPixelType(image->pixelType(), [&](auto zero) {
        using T = decltype(zero);
        const double v = double(image->as<T>()[linearIndex * std::size_t(image->components())]);
        return v >= low && v <= high;
    });
}

}  // namespace cadview
