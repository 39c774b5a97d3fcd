#pragma once

#include <cstddef>
#include <vector>

#include "io/DicomInstance.h"

namespace gdcm {
class DataSet;
}

namespace cadview {

// The frames of a multi-frame DICOM file as single images: each frame's position, orientation, pixel
// spacing, rescale and window, from its per-frame functional group over the shared one over the top-level
// attributes (enhanced CT, MR, PET...), or for RT Dose from GridFrameOffsetVector. Frames described this
// way are sorted and checked like a series of single-frame files (SliceStack).
class MultiFrameHeader {
  public:
    // One instance per frame, in file order; `instanceNumber` is the frame index, `position` is set only
    // from per-frame information. Reads the header of `file`; throws LoadError when it cannot.
    static std::vector<DicomInstance> frames(const DicomInstance& file);
    static std::vector<DicomInstance> frames(const gdcm::DataSet& ds, const DicomInstance& file);

    // Overwrites in `instance` what the shared and per-frame functional groups say of frame `frame` (the
    // header reader uses this, so that enhanced files get the geometry and rescale of their first frame).
    static void applyFunctionalGroups(const gdcm::DataSet& ds, std::size_t frame, DicomInstance& instance);
};

}  // namespace cadview
