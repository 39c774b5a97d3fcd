#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "annotation/LabelTable.h"
#include "image/ImageGeometry.h"
#include "image/Volume.h"

namespace cadview {

// Reads a binary or fractional DICOM Segmentation (DCMTK dcmseg) back into a UInt8 label map and its
// table. Each segment becomes one label: its value is the N of a "cadview label value N" Segment
// Description (what DicomSegWriter writes) or else the segment number; its name is the Segment Label and
// its colour the Recommended Display CIELab value. Frames are placed by their ImagePositionPatient;
// where segments overlap, the later segment wins. Fractional frames count as set where non-zero.
class DicomSegReader {
  public:
    struct Result {
        Volume labels;  // UInt8, one component
        LabelTable table;
        std::string referencedSeriesUid;  // first Referenced Series Sequence item, if any
        std::size_t frames = 0;
    };

    // On `grid` (normally the referenced series' grid, DicomReferenceSeries::geometry): every frame must
    // lie on one of its slices with the same orientation and size. Without a grid, the volume is the
    // SEG's own frame grid: its orientation and pixel spacing, and the slices from the lowest to the
    // highest frame position along the normal at Spacing Between Slices (or the smallest frame gap).
    // Throws std::runtime_error naming the file when it is not a readable SEG or a frame is off the grid.
    static Result read(const std::string& path, const std::optional<ImageGeometry>& grid = std::nullopt);
};

}  // namespace cadview
