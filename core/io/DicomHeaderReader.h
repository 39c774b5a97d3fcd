#pragma once

#include <optional>
#include <string>

#include "image/Diagnostic.h"
#include "io/DicomInstance.h"

namespace cadview {

// Reads the header of one DICOM file, stopping before the pixel data.
class DicomHeaderReader {
  public:
    struct Header {
        DicomInstance instance;
        std::string seriesUid;
        std::string studyUid;
        std::string frameOfReferenceUid;
        std::string patientName;
        std::string patientId;
        std::string studyDescription;
        std::string studyDate;
        std::string seriesDescription;
        std::string modality;
        int seriesNumber = 0;
        bool hasImage = false;  // Rows/Columns present: something to decode
    };

    // On failure returns nothing and fills `problem` with a reason that names the file.
    static std::optional<Header> read(const std::string& path, Diagnostic& problem);

    // True when the file starts with the DICOM preamble and "DICM" magic; files without it may still be
    // DICOM (old ACR-NEMA style), so this only decides how hard to try.
    static bool hasDicomMagic(const std::string& path);
};

}  // namespace cadview
