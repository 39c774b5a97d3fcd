#include "io/RleDecoder.h"

#include <cstring>

namespace cadview {

namespace {

std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

// Unpacks one PackBits segment into every `stride`-th byte of `dst`, `count` bytes in all. False when the
// segment ends before `count` bytes came out.
bool unpack(const std::uint8_t* src, std::size_t srcBytes, std::uint8_t* dst, std::size_t count,
            std::size_t stride) {
    std::size_t in = 0, out = 0;
    while (out < count && in < srcBytes) {
        const int n = int(std::int8_t(src[in++]));
        if (n >= 0) {  // n + 1 literal bytes
            std::size_t run = std::size_t(n) + 1;
            if (in + run > srcBytes) return false;
            if (run > count - out) run = count - out;
            for (std::size_t k = 0; k < run; ++k)
                dst[(out + k) * stride] = src[in + k];
            in += std::size_t(n) + 1;
            out += run;
        } else if (n != -128) {  // the next byte 1 - n times
            if (in >= srcBytes) return false;
            std::size_t run = std::size_t(1 - n);
            if (run > count - out) run = count - out;
            for (std::size_t k = 0; k < run; ++k)
                dst[(out + k) * stride] = src[in];
            ++in;
            out += run;
        }
    }
    return out == count;
}

}  // namespace

bool RleDecoder::decodeFrame(const std::uint8_t* src, std::size_t srcBytes, std::uint8_t* dst,
                             std::size_t pixels, int samples, int bytesPerSample) {
    constexpr std::size_t kHeader = 64;
    if (srcBytes < kHeader || samples < 1 || bytesPerSample < 1) return false;
    const std::size_t segments = std::size_t(samples) * std::size_t(bytesPerSample);
    if (segments > 15 || le32(src) != segments) return false;
    const std::size_t stride = segments;  // bytes per pixel in the output
    for (std::size_t s = 0; s < segments; ++s) {
        const std::size_t begin = le32(src + 4 + 4 * s);
        const std::size_t end = s + 1 < segments ? le32(src + 8 + 4 * s) : srcBytes;
        if (begin < kHeader || begin > end || end > srcBytes) return false;
        // Segment s holds byte (bytesPerSample - 1 - s % bytesPerSample) of sample s / bytesPerSample.
        const std::size_t sample = s / std::size_t(bytesPerSample);
        const std::size_t byte = std::size_t(bytesPerSample) - 1 - s % std::size_t(bytesPerSample);
        std::uint8_t* first = dst + sample * std::size_t(bytesPerSample) + byte;
        if (!unpack(src + begin, end - begin, first, pixels, stride)) return false;
    }
    return true;
}

}  // namespace cadview
