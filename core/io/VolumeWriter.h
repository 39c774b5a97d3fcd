#pragma once

#include <string>
#include <utility>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// Writes a volume as NIfTI (.nii, .nii.gz), NRRD (.nrrd) or MetaImage (.mha, .mhd), chosen by the
// file name, with its geometry (ITK converts LPS to NIfTI's RAS). The buffer is handed to ITK as is.
class VolumeWriter {
  public:
    static bool supportsFileName(const std::string& path);
    // Key/value fields written into a NRRD header (ignored for the other formats).
    using HeaderFields = std::vector<std::pair<std::string, std::string>>;
    // Throws std::runtime_error with a message naming the file on failure.
    static void write(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields = {});
};

}  // namespace cadview
