#pragma once

#include <array>
#include <optional>
#include <string>

namespace cadview::bench {

// The few fields of a NIfTI-1 header (the first 348 bytes of a .nii) that say what grid a file holds.
// Read by hand so that the comparison does not depend on the reader under test.
struct NiftiHeader {
    std::array<int, 8> dim{};       // dim[0] = number of dimensions, dim[1..3] = x, y, z sizes
    std::array<float, 8> pixdim{};  // pixdim[1..3] = spacing (mm)
    int datatype = 0;               // NIfTI DT_* code
    int bitpix = 0;
    float sclSlope = 0;
    float sclInter = 0;
    bool byteSwapped = false;

    // Reads the header of an uncompressed .nii; on failure returns nothing and sets `error`.
    static std::optional<NiftiHeader> read(const std::string& path, std::string& error);

    // "512x512x600, 0.842x0.842x1.250 mm, int16"
    std::string describe() const;
    // Same sizes and spacings (to 1e-3 mm) as `other`.
    bool sameGrid(const NiftiHeader& other) const;
};

}  // namespace cadview::bench
