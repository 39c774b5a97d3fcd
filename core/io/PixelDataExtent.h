#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cadview {

class ReadOnlyFile;

// Where a DICOM file's pixel data lies and how much of it the file really holds. A file cut short (an
// interrupted copy or transfer) still parses, and GDCM pads the missing bytes with zeros without
// saying so; this finds out.
struct PixelDataExtent {
    std::uint64_t offset = 0;    // of the pixel data value in the file
    std::uint64_t declared = 0;  // bytes the element promises (encapsulated: items and their headers)
    std::uint64_t present = 0;   // bytes of it the file holds
    bool encapsulated = false;   // compressed data in fragments

    bool truncated() const { return present < declared; }
    // "pixel data is truncated: N of M bytes".
    std::string describeTruncation() const;

    // Parses the header of `path` up to its pixel data and measures it, reading through `file` (open on
    // the same path). Nothing when the pixel data cannot be located (deflated files, no pixel data).
    static std::optional<PixelDataExtent> measure(const std::string& path, const std::string& transferSyntax,
                                                  const ReadOnlyFile& file);
};

}  // namespace cadview
