#pragma once

#include <string>
#include <vector>

#include "image/Diagnostic.h"
#include "image/ImageGeometry.h"
#include "io/DicomInstance.h"

namespace cadview {

// The geometry of a stack of single-frame DICOM images: their order along the slice normal, and
// whether they form a regular grid. Uneven gaps, missing slices and gantry tilt are found here and
// described; when the stack is not regular, `regularGeometry` is the grid a resampler should fill.
struct SliceStack {
    std::vector<std::size_t> order;  // indices into the instances, sorted along the normal
    std::vector<double> positions;   // position of each sorted slice along the normal (mm)
    std::vector<double> offsetRow;   // in-plane shift of each sorted slice against the first, along
    std::vector<double> offsetCol;   //   the row and column directions (mm): non-zero under tilt
    Vec3 rowDirection{1, 0, 0};
    Vec3 columnDirection{0, 1, 0};
    Vec3 normal{0, 0, 1};
    ImageGeometry stackGeometry;    // the slices as read: first slice's origin, median gap
    ImageGeometry regularGeometry;  // equals stackGeometry when `regular`
    bool regular = true;
    double tiltDegrees = 0;
    Diagnostics diagnostics;

    // `subject` names the series in the diagnostics.
    static SliceStack analyze(const std::vector<DicomInstance>& instances, const std::string& subject);
};

}  // namespace cadview
