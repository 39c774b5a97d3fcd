#pragma once

#include <string>

#include "annotation/LabelTable.h"
#include "image/Volume.h"

namespace cadview {

// A label map (UInt8, one component, on its image's grid) saved together with its label table.
//
// Formats, chosen by the file name:
//   .nrrd             the table goes into the header: 3D Slicer's segmentation fields (Segment<i>_Name,
//                     Segment<i>_Color as "r g b" in 0..1, Segment<i>_LabelValue, Segment<i>_Layer = 0,
//                     Segment<i>_ID, Segment<i>_Extent) and the full table as JSON under `cadview_labels`.
//   .nii, .nii.gz,    the table goes into an ITK-SNAP label description file next to the image: the
//   .mha              same base name with the image extension replaced by `.label.txt`
//                     (`seg.nii.gz` -> `seg.label.txt`, `seg.nii` and `seg.mha` -> `seg.label.txt`).
//   .dcm (read only)  a DICOM SEG (DicomSegReader): the volume is on the SEG's own frame grid.
// Writing is atomic: each file is written to a temporary file in the same folder and renamed over the
// target, so a crash never leaves a half-written label map; nothing but the target (and, for NIfTI and
// MetaImage, its sidecar) is ever replaced.
class LabelMapFile {
  public:
    struct Loaded {
        Volume labels;  // UInt8, one component
        LabelTable table;
    };

    static bool supportsFileName(const std::string& path);
    // The ITK-SNAP sidecar path used for `path` (NIfTI, MetaImage).
    static std::string sidecarPath(const std::string& path);

    // Throws std::runtime_error naming the file: not a UInt8 one-component volume, unknown extension,
    // or the file cannot be written.
    static void write(const Volume& labels, const LabelTable& table, const std::string& path);

    // Reads any label map ITK reads (NIfTI, NRRD, MetaImage) of any integer type, or float type with
    // integer values, as long as every value is in 0..255; the table comes from the NRRD header or the
    // sidecar, and values without an entry get a default one (LabelTable::addMissing). Throws
    // std::runtime_error naming the file (and the offending value when one does not fit).
    static Loaded read(const std::string& path);
};

}  // namespace cadview
