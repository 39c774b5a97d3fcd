#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "annotation/Connectivity.h"
#include "annotation/LabelEdit.h"
#include "annotation/PaintRule.h"
#include "image/Volume.h"
#include "jobs/JobContext.h"

namespace cadview {

// Region growing and flood fill from a clicked seed voxel. The region is the set of voxels connected to
// the seed (6-neighbours in the volume, or 4-neighbours on the seed's slice) that pass every criterion
// set in Options:
//   - intensity: the image value (as stored, HU for CT) lies in [low, high];
//   - sameLabel ("flood fill"): the voxel holds the seed's label value;
// and that do not hold a label the rule locks (locked voxels are walls). Region voxels are then set to
// rule.value wherever rule.allows (so the rule's own threshold filters what changes but does not stop
// the growth). Scanline fill, no recursion: 512x512x300 volumes are fine.
class RegionGrow {
  public:
    struct Options {
        Connectivity connectivity;      // volume6(), or slice4(normalAxis) (the slice is the seed's)
        const Volume* image = nullptr;  // intensity criterion when set (same grid, component 0)
        double low = 0.0;
        double high = 0.0;
        bool sameLabel = false;     // flood fill of the seed's label region
        std::size_t maxVoxels = 0;  // 0: no limit; a larger region changes nothing (limitReached)
    };
    struct Result {
        LabelEdit edit;                // already applied to the label map
        std::size_t regionVoxels = 0;  // voxels in the region (found so far when the limit stopped it)
        bool limitReached = false;
    };

    // `labels` UInt8, one component; `seed` an index inside it. Throws std::invalid_argument (bad label
    // map, image on another grid, seed outside) and CancelledError when `job` is cancelled (nothing
    // changes then).
    static Result grow(Volume& labels, const std::array<std::size_t, 3>& seed, const Options& options,
                       const PaintRule& rule, const JobContext* job = nullptr);
};

}  // namespace cadview
