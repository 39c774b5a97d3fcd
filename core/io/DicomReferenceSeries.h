#pragma once

#include <string>
#include <vector>

#include "image/ImageGeometry.h"
#include "io/SeriesEntry.h"

namespace cadview {

// The images of a single-frame DICOM series in slice order, as an object derived from the series (a
// label map saved as DICOM SEG) refers to them: slice z of `geometry` is `slices[z]`. The order and grid
// are the ones DicomSeriesReader reads the series on (SliceStack), so a label map drawn on the loaded
// series maps 1:1 onto the source images.
struct DicomReferenceSeries {
    struct Slice {
        std::string path;
        std::string sopInstanceUid;
        std::string sopClassUid;
        Vec3 position;  // ImagePositionPatient
    };
    std::vector<Slice> slices;
    ImageGeometry geometry;
    std::string studyInstanceUid;

    // Throws std::runtime_error naming the series when it cannot be referenced slice for slice: a
    // multi-frame file, images without position or orientation, gantry tilt, or uneven or missing slices
    // (such series are loaded resampled, so their voxels are not the source images' pixels).
    static DicomReferenceSeries fromSeries(const SeriesEntry& series);
};

}  // namespace cadview
