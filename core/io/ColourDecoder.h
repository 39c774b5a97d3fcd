#pragma once

#include <cstddef>
#include <cstdint>

namespace cadview {

// How the decoded samples of a colour frame are laid out.
struct ColourLayout {
    int bitsAllocated = 8;  // 8, 16 or 32 per sample
    int bitsStored = 8;
    bool planar = false;  // all red, then all green, then all blue (PlanarConfiguration 1)
    bool ybr = false;     // YBR_FULL (or YBR_FULL_422 already upsampled): luminance and chroma
};

// Turns decoded colour frames into interleaved 8-bit RGB, the colour volume format. YBR_FULL becomes RGB
// by the equations of PS3.3 C.7.6.3.1.2 (computed as pydicom does, in float32, rounded half up);
// channels of more than 8 stored bits keep their top 8 bits (a shift, never a rounding that could
// overflow or lift 0x80ff to 0x81).
class ColourDecoder {
  public:
    // Converts `pixels` pixels (three samples each) from `src` to `dst` (3 * pixels bytes).
    static void toRgb8(const void* src, std::uint8_t* dst, std::size_t pixels, const ColourLayout& layout);
};

}  // namespace cadview
