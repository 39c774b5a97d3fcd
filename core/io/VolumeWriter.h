#pragma once

#include <string>
#include <utility>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// Writes a volume as NIfTI (.nii, .nii.gz), NRRD (.nrrd) or MetaImage (.mha), chosen by the
// file name, with its geometry (ITK converts LPS to NIfTI's RAS). The buffer is handed to ITK as is.
// ITK's writers do not all report a short write (a full disk left a partial .nii with no error), so what was
// written is read back and compared, voxel for voxel, before it is accepted.
class VolumeWriter {
  public:
    static bool supportsFileName(const std::string& path);
    // Key/value fields written into a NRRD header (ignored for the other formats).
    using HeaderFields = std::vector<std::pair<std::string, std::string>>;
    // Writes atomically (AtomicFile: the target's rules, a temporary name, flush, rename): the target holds
    // the old file or the whole new one. Throws std::runtime_error naming the file on failure.
    static void write(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields = {});
    // Writes and checks `path` itself, for callers that commit several files together (LabelMapFile); also
    // writes .mhd (with its .zraw beside it), which write() refuses.
    static void writeFile(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields = {});
    // The file name's extension that picks the format (".nii.gz", ".nrrd", ...); empty when none does.
    static std::string extensionOf(const std::string& path);
};

}  // namespace cadview
