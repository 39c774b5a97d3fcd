#pragma once

#include <cstddef>

#include "image/Volume.h"

namespace cadview {

// Smaller copies of a volume for display where full resolution costs more than it shows: the 3D view
// of a large series. Each halving averages 2 x 2 x 2 blocks (an axis of size 1 is kept), keeping the
// volume's place in patient space (the new voxel centres sit between the old ones).
class VolumeDownsampler {
  public:
    static Volume halve(const Volume& volume);
    // `volume` itself (as a copy sharing its buffer) when it fits in `maxBytes`, otherwise halved until
    // it fits. Single-component volumes only; colour volumes are returned as they are.
    static Volume withinBudget(const Volume& volume, std::size_t maxBytes);
};

}  // namespace cadview
