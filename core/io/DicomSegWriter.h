#pragma once

#include <cstddef>
#include <string>

#include "annotation/LabelTable.h"
#include "image/Volume.h"
#include "io/DicomReferenceSeries.h"

namespace cadview {

// Saves a label map drawn on a DICOM series as a binary DICOM Segmentation (DCMTK dcmseg) in the source
// study: one segment per label value present in the map (label = the table's name, recommended display
// colour = its colour in CIELab, algorithm MANUAL, category and type SCT 85756007 "Tissue"), numbered in
// ascending label value, the label value kept in Segment Description as "cadview label value N". Only
// slices that hold a segment get a frame (as dcmqi does); each frame has its Plane Position (the source
// image's ImagePositionPatient) and a Derivation Image / Source Image reference to the source image of
// its slice, and the Referenced Series Sequence lists every image of the series. Patient, study and
// Frame of Reference come from the first source image. The source files are only read.
class DicomSegWriter {
  public:
    struct Summary {
        std::size_t segments = 0;
        std::size_t frames = 0;
        std::string referencedSeriesUid;
        std::string sopInstanceUid;  // of the SEG written
    };

    // `labels` must be UInt8 on `reference.geometry` (gridMismatch() empty). Throws std::runtime_error with a
    // clear message when the grid does not match, the map is empty, the output is one of the source files, or
    // DCMTK cannot build or save the object. The file is written to a temporary name in the same folder and
    // renamed, so it never appears half-written.
    static Summary write(const Volume& labels, const LabelTable& table, const DicomReferenceSeries& reference,
                         const std::string& path);

    // Why `labels` is not on `grid`, or an empty string when it is: same size, spacing and origin within
    // `toleranceMm`, direction cosines within 1e-3.
    static std::string gridMismatch(const ImageGeometry& labels, const ImageGeometry& grid,
                                    double toleranceMm = 0.01);
};

}  // namespace cadview
