#include "io/ColourDecoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace cadview {

namespace {

template <typename T>
T load(const unsigned char* p, std::size_t index) {
    T v;
    std::memcpy(&v, p + index * sizeof(T), sizeof(T));
    return v;
}

template <typename T>
void convert(const unsigned char* src, std::uint8_t* dst, std::size_t pixels, const ColourLayout& layout) {
    constexpr int bits = int(sizeof(T) * 8);
    const int stored = std::clamp(layout.bitsStored, 1, bits);
    const std::uint64_t mask = (std::uint64_t(1) << stored) - 1;
    const int shift = std::max(0, stored - 8);
    // YBR_FULL to RGB (PS3.3 C.7.6.3.1.2), the chroma centred on half the stored range.
    const float half = float(std::uint64_t(1) << (stored - 1));
    const float top = float(mask);
    const float crToR = 1.402f, cbToG = float(-0.114 * 1.772 / 0.587), crToG = float(-0.299 * 1.402 / 0.587),
                cbToB = 1.772f;
    auto channel = [&](float v) { return std::uint64_t(std::clamp(std::floor(v + 0.5f), 0.0f, top)); };

    for (std::size_t p = 0; p < pixels; ++p) {
        std::uint64_t s[3];
        for (std::size_t c = 0; c < 3; ++c) {
            const std::size_t index = layout.planar ? c * pixels + p : 3 * p + c;
            s[c] = std::uint64_t(load<T>(src, index)) & mask;
        }
        if (layout.ybr) {
            const float y = float(s[0]), cb = float(s[1]) - half, cr = float(s[2]) - half;
            s[0] = channel(y + crToR * cr);
            s[1] = channel(y + cbToG * cb + crToG * cr);
            s[2] = channel(y + cbToB * cb);
        }
        for (std::size_t c = 0; c < 3; ++c)
            dst[3 * p + c] = std::uint8_t(s[c] >> shift);
    }
}

}  // namespace

void ColourDecoder::toRgb8(const void* src, std::uint8_t* dst, std::size_t pixels,
                           const ColourLayout& layout) {
    const auto* bytes = static_cast<const unsigned char*>(src);
    if (layout.bitsAllocated > 16)
        convert<std::uint32_t>(bytes, dst, pixels, layout);
    else if (layout.bitsAllocated > 8)
        convert<std::uint16_t>(bytes, dst, pixels, layout);
    else if (!layout.ybr && !layout.planar && layout.bitsStored >= 8)
        std::memcpy(dst, src, 3 * pixels);
    else
        convert<std::uint8_t>(bytes, dst, pixels, layout);
}

}  // namespace cadview
