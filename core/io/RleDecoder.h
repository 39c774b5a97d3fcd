#pragma once

#include <cstddef>
#include <cstdint>

namespace cadview {

// DICOM RLE Lossless (PS3.5 Annex G): one frame is a header of segment offsets and one PackBits
// segment per byte of each sample, most significant byte first. Used for colour with more than 8 bits
// per sample, whose bytes GDCM's RLE codec puts back in the wrong order.
class RleDecoder {
  public:
    // Decodes the frame in `src` (`srcBytes` bytes: the whole fragment) into `pixels` pixels of `samples`
    // interleaved little-endian samples of `bytesPerSample` bytes at `dst`. False when the frame is
    // malformed (too few segments, offsets outside the fragment, segments too short).
    static bool decodeFrame(const std::uint8_t* src, std::size_t srcBytes, std::uint8_t* dst,
                            std::size_t pixels, int samples, int bytesPerSample);
};

}  // namespace cadview
