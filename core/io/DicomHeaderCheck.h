#pragma once

#include <optional>
#include <string>

namespace cadview {

// Walks the element structure of a DICOM file before GDCM parses it, and refuses, with a reason, every
// file whose structure does not follow its transfer syntax. GDCM reads such files through guessing
// fallbacks that assert (Debian builds it with assertions on, so the process aborts) or believe garbage
// lengths (it allocates and zeroes the claimed bytes first: 4 GB for a 4 KiB file). Refused:
// - a File Meta Information group (0002) that the file ends inside, or that holds a sequence or an
//   undefined length;
// - any element, at any sequence depth, whose length claims more bytes than the file has left;
// - in an explicit-VR data set, a VR that is not two letters (unknown letters take a 32-bit length, as
//   PS 3.5 6.2 says), stray delimiters, undefined lengths outside sequences and pixel data, items and
//   fragments that are not items, a file ending inside a sequence;
// - sequences nested deeper than kMaxDepth (GDCM recurses once per level).
// The top-level pixel data is exempt from the length rule: a file cut short inside it is a truncated
// image, which the pixel decoder measures and reports itself (PixelDataExtent). Deflated data sets are
// not walked. A file without "DICM" and without a meta group is DICOM only when it starts with a group
// 0008 element (ACR-NEMA style); anything else is kNotDicom, never handed to GDCM, whose guessing
// asserts on files of a few bytes.
class DicomHeaderCheck {
  public:
    static constexpr int kMaxDepth = 32;
    // problem() for a file that is not DICOM at all (rather than damaged DICOM).
    static constexpr const char* kNotDicom = "not a DICOM file";

    // Nothing when GDCM may read the file; otherwise why not, without the file name.
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
