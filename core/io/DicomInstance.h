#pragma once

#include <optional>
#include <string>

#include "image/Vec3.h"

namespace cadview {

// Header facts of one DICOM image file, read without its pixel data.
struct DicomInstance {
    std::string path;
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string transferSyntax;
    int instanceNumber = 0;
    int rows = 0;
    int columns = 0;
    int frames = 1;
    int samplesPerPixel = 1;
    int bitsAllocated = 16;
    int bitsStored = 16;
    int pixelRepresentation = 0;   // 0 unsigned, 1 two's complement
    std::string photometric;       // MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, PALETTE COLOR, ...
    std::optional<Vec3> position;  // ImagePositionPatient
    std::optional<std::array<double, 6>> orientation;   // ImageOrientationPatient (row, column cosines)
    std::optional<std::array<double, 2>> pixelSpacing;  // row spacing, column spacing (mm)
    bool spacingFromImager = false;  // only ImagerPixelSpacing was present (projection radiographs)
    double sliceThickness = 0;
    double rescaleSlope = 1;
    double rescaleIntercept = 0;
    std::optional<double> windowCenter;
    std::optional<double> windowWidth;
    int acquisitionNumber = 0;
};

}  // namespace cadview
