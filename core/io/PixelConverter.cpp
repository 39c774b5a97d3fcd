#include "io/PixelConverter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace cadview {

namespace {

template <typename Dst>
Dst clampRound(double v) {
    if constexpr (std::is_floating_point_v<Dst>) {
        return Dst(v);
    } else {
        v = std::round(v);
        return Dst(std::clamp(v, double(std::numeric_limits<Dst>::lowest()),
                              double(std::numeric_limits<Dst>::max())));
    }
}

// 8- and 16-bit integers with an integer rescale (CT, MR, most X-ray): out = clamp(+-(masked stored value) +
// offset), computed in 32 bits with the options folded into constants so that the loop has no branches
// and vectorises. Blocks are staged through local arrays, which makes in-place conversion safe and
// lets the compiler assume no aliasing (the mapping itself is only read before the loop).
bool isSmallIntegerMapping(const PixelMapping& m) {
    const double limit = double(1 << 20);
    return m.slope == 1.0 && m.intercept == std::floor(m.intercept) && std::abs(m.intercept) <= limit &&
           (!m.invert || (m.invertSum == std::floor(m.invertSum) && std::abs(m.invertSum) <= limit));
}

template <typename Src, typename Dst>
void convertSmallIntegers(const unsigned char* src, unsigned char* dst, std::size_t n,
                          const PixelMapping& m) {
    const int bits = int(sizeof(Src) * 8);
    const bool needMask = m.bitsStored > 0 && m.bitsStored < bits;
    const std::int32_t mask = needMask ? (std::int32_t(1) << m.bitsStored) - 1 : -1;
    const int shift = needMask && m.sourceSigned ? 32 - m.bitsStored : 0;
    // invert: out = invertSum - (v + intercept) = -v + (invertSum - intercept); (v ^ -1) - -1 == -v.
    const std::int32_t flip = m.invert ? -1 : 0;
    const std::int32_t offset =
        m.invert ? std::int32_t(m.invertSum - m.intercept) : std::int32_t(m.intercept);
    constexpr std::int32_t lo = std::numeric_limits<Dst>::lowest();
    constexpr std::int32_t hi = std::numeric_limits<Dst>::max();

    constexpr std::size_t kBlock = 2048;
    Src in[kBlock];
    Dst out[kBlock];
    for (std::size_t start = 0; start < n; start += kBlock) {
        const std::size_t len = std::min(kBlock, n - start);
        std::memcpy(in, src + start * sizeof(Src), len * sizeof(Src));
        for (std::size_t i = 0; i < len; ++i) {
            std::int32_t v = std::int32_t(in[i]) & mask;
            v = std::int32_t(std::uint32_t(v) << shift) >> shift;
            v = ((v ^ flip) - flip) + offset;
            out[i] = Dst(std::min(std::max(v, lo), hi));
        }
        std::memcpy(dst + start * sizeof(Dst), out, len * sizeof(Dst));
    }
}

template <typename Src, typename Dst>
void convertTyped(const void* srcVoid, void* dstVoid, std::size_t n, const PixelMapping& m) {
    if constexpr (std::is_integral_v<Src> && std::is_integral_v<Dst> && sizeof(Src) <= 2 &&
                  sizeof(Dst) <= 2) {
        if (isSmallIntegerMapping(m)) {
            convertSmallIntegers<Src, Dst>(static_cast<const unsigned char*>(srcVoid),
                                           static_cast<unsigned char*>(dstVoid), n, m);
            return;
        }
    }
    // memcpy loads and stores keep in-place conversion between int16/uint16 (and alike) well-defined.
    const auto* src = static_cast<const unsigned char*>(srcVoid);
    auto* dst = static_cast<unsigned char*>(dstVoid);
    const int bits = int(sizeof(Src) * 8);
    const bool needMask = std::is_integral_v<Src> && m.bitsStored > 0 && m.bitsStored < bits;
    using Wide = std::int64_t;
    const Wide mask = needMask ? (Wide(1) << m.bitsStored) - 1 : -1;
    const int signShift = needMask ? 64 - m.bitsStored : 0;
    const bool integerRescale = std::is_integral_v<Src> && std::is_integral_v<Dst> && m.slope == 1.0 &&
                                m.intercept == std::floor(m.intercept) &&
                                (!m.invert || m.invertSum == std::floor(m.invertSum));
    const Wide intercept = Wide(m.intercept), invertSum = Wide(m.invertSum);
    constexpr Wide lo = std::is_integral_v<Dst> ? Wide(std::numeric_limits<Dst>::lowest()) : 0;
    constexpr Wide hi = std::is_integral_v<Dst> ? Wide(std::numeric_limits<Dst>::max()) : 0;

    for (std::size_t i = 0; i < n; ++i) {
        Src s;
        std::memcpy(&s, src + i * sizeof(Src), sizeof(Src));
        Dst d;
        if constexpr (std::is_integral_v<Src>) {
            Wide v = Wide(s);
            if (needMask) {
                v &= mask;
                if (m.sourceSigned) v = (v << signShift) >> signShift;
            }
            if (integerRescale) {
                v += intercept;
                if (m.invert) v = invertSum - v;
                d = Dst(std::clamp(v, lo, hi));
            } else {
                double r = double(v) * m.slope + m.intercept;
                if (m.invert) r = m.invertSum - r;
                d = clampRound<Dst>(r);
            }
        } else {
            double r = double(s) * m.slope + m.intercept;
            if (m.invert) r = m.invertSum - r;
            // Float to float keeps NaN and infinities (they are values the file holds); integers get 0.
            if constexpr (std::is_floating_point_v<Dst>)
                d = Dst(r);
            else
                d = clampRound<Dst>(std::isfinite(r) ? r : 0.0);
        }
        std::memcpy(dst + i * sizeof(Dst), &d, sizeof(Dst));
    }
}

template <typename Src>
void convertFrom(const void* src, void* dst, std::size_t n, const PixelMapping& m) {
    dispatchPixelType(m.output, [&](auto d) { convertTyped<Src, decltype(d)>(src, dst, n, m); });
}

}  // namespace

bool PixelConverter::canConvertInPlace(const PixelMapping& m) {
    return !m.sourceFloat && isInteger(m.output) &&
           std::size_t(m.bitsAllocated / 8) == bytesPerComponent(m.output);
}

void PixelConverter::convert(const void* src, void* dst, std::size_t count, const PixelMapping& m) {
    if (m.sourceFloat) {
        if (m.bitsAllocated == 64)
            convertFrom<double>(src, dst, count, m);
        else
            convertFrom<float>(src, dst, count, m);
        return;
    }
    switch (m.bitsAllocated) {
        case 8:
            m.sourceSigned ? convertFrom<std::int8_t>(src, dst, count, m)
                           : convertFrom<std::uint8_t>(src, dst, count, m);
            break;
        case 32:
            m.sourceSigned ? convertFrom<std::int32_t>(src, dst, count, m)
                           : convertFrom<std::uint32_t>(src, dst, count, m);
            break;
        default:
            m.sourceSigned ? convertFrom<std::int16_t>(src, dst, count, m)
                           : convertFrom<std::uint16_t>(src, dst, count, m);
            break;
    }
}

}  // namespace cadview
