#include "evaluation/LabelMask.h"

namespace cadview {

std::vector<std::uint8_t> LabelMask::select(const Volume& labels, int value, std::optional<int> ignore) {
    std::vector<std::uint8_t> mask(labels.voxelCount(), 0);
    dispatchPixelType(labels.pixelType(), [&](auto t) {
        using T = decltype(t);
        const T* p = labels.as<T>();
        const std::size_t stride = std::size_t(labels.components());
        for (std::size_t i = 0; i < mask.size(); ++i) {
            const double v = double(p[i * stride]);
            mask[i] = value < 0 ? (v != 0 && !(ignore && v == *ignore)) : v == value;
        }
    });
    return mask;
}

}  // namespace cadview
