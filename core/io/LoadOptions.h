#pragma once

#include <cstdint>
#include <functional>

#include "image/Volume.h"

namespace cadview {

struct LoadOptions {
    // Rebuild irregular stacks (uneven gaps, missing slices, gantry tilt) on a regular grid. When off,
    // the slices are stacked as read at their median gap, and the diagnostics say so.
    bool resampleIrregular = true;
    // Worker threads for decoding; 0 = all cores.
    unsigned threads = 0;
    // Called once, from a worker thread, with the middle slice as soon as it is decoded: lets a viewer
    // show an image long before a large series has finished loading.
    std::function<void(const Volume& slice)> onPreview;

    // Downsampled load of a DICOM series: every k-th slice, row and column (voxel (i, j, l) of the result
    // is voxel (k i, k j, k l) of the full load), spacing k times larger, same origin. 1 = full size.
    unsigned downsample = 1;
    // Instead of refusing a DICOM series that does not fit in memory, load it with the smallest
    // downsample factor (not below `downsample`) at which it fits.
    bool fitInMemory = false;
    // Memory a load may use, in bytes; 0 = what the machine has available (MemAvailable in
    // /proc/meminfo) less a margin. A load that needs more is refused with a LoadError before any
    // buffer is allocated.
    std::uint64_t memoryLimitBytes = 0;
};

}  // namespace cadview
