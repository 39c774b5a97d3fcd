#pragma once

#include <string>

namespace cadview {

// The files this process has opened as a study (StudyIndexer records every image file and every readable
// DICOM file it finds), so that no writer ever replaces one (AtomicFile refuses them): `convert a.nii a.nii`,
// `segment --input x --output x`, or an output reached through a link, "..", or a hard link to the input.
// A label map opened for editing is a document, not a study, and may be saved again. Files are compared by
// device and inode, so every name of a file is the same file. Thread-safe.
class InputFiles {
  public:
    // Records `path` (ignored when it cannot be stat'ed).
    static void remember(const std::string& path);
    // Whether `path` names a file recorded by remember(), under any of its names.
    static bool contains(const std::string& path);
};

}  // namespace cadview
