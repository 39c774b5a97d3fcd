#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cadview {

// Reads a NIfTI-1 or NIfTI-2 header (.nii, .nii.gz, .hdr with its .img) before ITK does, and refuses what
// cannot be a real image: ITK aborts on non-finite sform/qform matrices ("matrix has non-finite elements"),
// spins in its SVD on values like 3e38, and reads header bytes as pixels when vox_offset lies inside the
// header, or zero-fills what a truncated file does not hold. Refused, with the reason:
// - dimensions outside 1..7, a size below 1, more than kMaxVoxels voxels, or a bitpix that is not 8..128;
// - spacing (pixdim 1..3) that is NaN, infinite, negative or above kMaxSpacing mm;
// - a qform or sform (whichever the header says it uses) with a non-finite or absurd element, or whose axes
//   are collinear (a singular matrix);
// - vox_offset that is not finite, lies inside the header of a single-file .nii, or is absurd;
// - pixel data shorter than the header claims (for .gz, the decompressed stream is counted, chunk by
//   chunk, before anything the size of the image is allocated).
// Spacing of 0 on an axis is accepted with a warning (1 mm is used there).
class NiftiHeaderCheck {
  public:
    static constexpr double kMaxSpacing = 1e5;     // mm
    static constexpr double kMaxCoordinate = 1e7;  // mm (10 km)
    static constexpr unsigned long long kMaxVoxels = 1ull << 40;

    // problem() for a file without a NIfTI header size field: the reader's "not a ... file".
    static constexpr const char* kNotNifti = "not a NIfTI, NRRD, MetaImage, PNG or JPEG file";

    struct Result {
        std::optional<std::string> problem;  // why the file is refused
        std::vector<std::string> warnings;   // defaults used, named
        std::string dataFile;                // where the pixels are (the file itself, or the .img)
        std::uint64_t voxOffset = 0;         // where they start, in the inflated file
    };
    static Result check(const std::string& path);
};

}  // namespace cadview
