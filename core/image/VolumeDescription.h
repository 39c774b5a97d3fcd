#pragma once

#include "image/Diagnostic.h"
#include "image/ImageGeometry.h"
#include "image/PixelType.h"
#include "image/Volume.h"

namespace cadview {

// Everything about a volume except its voxels: what `cadview-cli info` prints, known before decoding.
struct VolumeDescription {
    ImageGeometry geometry;
    PixelType pixelType = PixelType::Int16;
    int components = 1;
    VolumeInfo info;
    Diagnostics diagnostics;
};

}  // namespace cadview
