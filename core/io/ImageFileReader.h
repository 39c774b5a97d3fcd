#pragma once

#include <string>

#include "image/Volume.h"
#include "image/VolumeDescription.h"
#include "jobs/JobContext.h"

namespace cadview {

// Reads NIfTI, NRRD, MetaImage (.mha/.mhd), PNG and JPEG through ITK's image IO, straight into the
// volume's buffer when the file's type is one we keep. Geometry comes back in LPS (ITK converts NIfTI's
// RAS). Colour PNG/JPEG radiographs become grey; a warning says so when the channels differed.
// One reader is picked per file, by name (case-insensitive) or by signature when the bytes clearly say
// otherwise or the name says nothing; PNG, JPEG and MetaImage files are checked first (PngCheck,
// JpegCheck, MetaImageHeaderCheck), since ITK 5.2's readers crash or abort on damaged ones.
class ImageFileReader {
  public:
    static VolumeDescription describe(const std::string& path);
    static Volume read(const std::string& path, JobContext& job);
};

}  // namespace cadview
