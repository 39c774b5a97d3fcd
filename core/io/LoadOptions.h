#pragma once

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
};

}  // namespace cadview
