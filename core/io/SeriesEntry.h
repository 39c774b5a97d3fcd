#pragma once

#include <string>
#include <vector>

#include "io/DicomInstance.h"

namespace cadview {

// One loadable item found while indexing: a DICOM series (or part of one with a single geometry), or a
// stand-alone image file (NIfTI, NRRD, MetaImage, PNG, JPEG).
struct SeriesEntry {
    enum class Kind { DicomSeries, ImageFile };
    Kind kind = Kind::DicomSeries;

    std::string uid;  // SeriesInstanceUID (plus a suffix when split), or the file path
    std::string patientName;
    std::string patientId;
    std::string studyUid;
    std::string studyDescription;
    std::string studyDate;
    std::string seriesDescription;
    std::string modality;
    int seriesNumber = 0;
    std::string path;  // the image file (ImageFile), or the folder the first instance lives in

    std::vector<DicomInstance> instances;  // DicomSeries only, in file-system order

    // Images in the series: files for single-frame series, frames for a multi-frame file.
    std::size_t imageCount() const;
};

}  // namespace cadview
