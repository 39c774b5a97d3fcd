#pragma once

#include <cstddef>

#include "image/PixelType.h"

namespace cadview {

// How stored DICOM values become output voxels: mask to BitsStored (sign-extending signed data),
// apply the modality rescale, invert MONOCHROME1, round and clamp into the output type.
struct PixelMapping {
    int bitsAllocated = 16;  // of the decoded source buffer: 8, 16, 32, or 64 for float64
    int bitsStored = 16;
    bool sourceSigned = false;
    bool sourceFloat = false;
    double slope = 1;
    double intercept = 0;
    bool invert = false;  // MONOCHROME1: output = invertSum - rescaled
    double invertSum = 0;
    PixelType output = PixelType::Int16;
};

class PixelConverter {
  public:
    // Converts `count` values from `src` into `dst`. `src` and `dst` may be the same buffer when the
    // source and output types have the same width and both are integers.
    static void convert(const void* src, void* dst, std::size_t count, const PixelMapping& m);
    // True when convert() may run in place for this mapping.
    static bool canConvertInPlace(const PixelMapping& m);
};

}  // namespace cadview
