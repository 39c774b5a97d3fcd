#pragma once

#include <optional>
#include <string>

namespace cadview {

// Walks the element structure of a DICOM file before GDCM parses it, and refuses the files GDCM
// cannot parse safely, with a reason:
// - a File Meta Information group (0002) that the file ends inside, or that holds a sequence or an
//   undefined length: GDCM asserts on those, and so aborts the process;
// - any element, at any sequence depth, whose length claims more bytes than the file has left: GDCM
//   allocates (and zeroes) the claimed length before it finds out, so a 4 KiB file could take 4 GiB;
// - sequences nested deeper than kMaxDepth (GDCM recurses once per level).
// Elements are read the way GDCM falls back to on damaged explicit-VR files (a VR that is not two
// letters has a 16-bit length, unknown letters a 32-bit one), so that the lengths checked are the ones
// GDCM would allocate. The top-level pixel data is exempt: a file cut short inside it is a truncated image,
// which the pixel decoder measures and reports itself (PixelDataExtent). Where the structure stops making
// sense to this walk (a stray delimiter, an item outside a sequence) it stops without objecting and leaves
// the verdict to GDCM; files without a group 0002 at their start (old ACR-NEMA style) are walked with a
// guessed encoding.
class DicomHeaderCheck {
  public:
    static constexpr int kMaxDepth = 32;

    // Nothing when GDCM may read the file; otherwise why not, without the file name.
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
