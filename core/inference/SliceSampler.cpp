#include "inference/SliceSampler.h"

#include <algorithm>

namespace cadview {

void SliceSampler::slice(long z, float* out) const {
    const std::size_t k = std::size_t(std::clamp<long>(z, 0, long(depth()) - 1));
    const std::size_t n = width() * height(), c = std::size_t(image_.components());
    dispatchPixelType(image_.pixelType(), [&](auto t) {
        using T = decltype(t);
        const T* src = image_.as<T>() + k * n * c;
        if (c == 3) {
            for (std::size_t i = 0; i < n; ++i)
                out[i] = normalizer_(0.299 * double(src[3 * i]) + 0.587 * double(src[3 * i + 1]) +
                                     0.114 * double(src[3 * i + 2]));
        } else {
            for (std::size_t i = 0; i < n; ++i)
                out[i] = normalizer_(double(src[i]));
        }
    });
}

void SliceSampler::volume(float* out) const {
    for (std::size_t z = 0; z < depth(); ++z)
        slice(long(z), out + z * width() * height());
}

}  // namespace cadview
