#pragma once

#include <cstddef>
#include <string>

#include "ItkSeriesLoader.h"
#include "image/Volume.h"

namespace cadview::bench {

// Whether ours and the peer produced the same image: same grid, same voxel values in the same order
// (our Int16 buffer against ITK's Image<short, 3>), and the same place in patient space.
struct VolumeComparison {
    bool sameSize = false;
    bool samePixelType = false;  // ours is Int16, like the peer's short
    bool identicalVoxels = false;
    std::size_t differingVoxels = 0;
    int maxAbsDifference = 0;
    bool sameGeometry = false;  // spacing, origin (to 1e-3 mm) and direction (to 1e-6)
    std::string note;           // what differs, for the report

    static VolumeComparison compare(const Volume& ours, const PeerVolume& peer);
};

}  // namespace cadview::bench
