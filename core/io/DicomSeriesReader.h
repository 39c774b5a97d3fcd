#pragma once

#include "image/Volume.h"
#include "image/VolumeDescription.h"
#include "io/LoadOptions.h"
#include "io/SeriesEntry.h"
#include "jobs/JobContext.h"

namespace cadview {

// Reads a DICOM series (single-frame files, or one multi-frame file) into a Volume in LPS geometry:
// slices ordered along the normal by ImagePositionPatient, modality rescale applied (CT in HU),
// MONOCHROME1 inverted, colour as 8-bit RGB. Files are decoded in parallel straight into the final
// buffer. A slice that cannot be decoded is left blank and reported; a series with no decodable slice
// throws LoadError.
class DicomSeriesReader {
  public:
    // Geometry, pixel type and warnings from the headers alone (no pixel data is decoded).
    static VolumeDescription describe(const SeriesEntry& series, const LoadOptions& options = {});
    static Volume read(const SeriesEntry& series, const LoadOptions& options, JobContext& job);
};

}  // namespace cadview
