#pragma once

#include <cstddef>
#include <cstdint>

#include "annotation/Connectivity.h"
#include "annotation/LabelEdit.h"
#include "annotation/PaintRule.h"
#include "image/Volume.h"
#include "jobs/JobContext.h"

namespace cadview {

// Removes islands of one label: its connected components (6-connected in 3D, or 4-connected within each
// slice across normalAxis in 2D, see Connectivity) that are too small, or all but the largest. Removed
// voxels are set to rule.value (normally 0, to erase; another value re-assigns them) wherever the rule
// allows, so nothing happens to a label the rule locks.
class IslandRemoval {
  public:
    // Components of `label` with fewer than `minVoxels` voxels are removed.
    static LabelEdit removeSmall(Volume& labels, std::uint8_t label, std::size_t minVoxels,
                                 const PaintRule& rule, const Connectivity& connectivity,
                                 const JobContext* job = nullptr);
    // Only the largest component of `label` stays: in the volume (3D) or in each slice (2D). Ties keep
    // the component reached first in voxel order.
    static LabelEdit keepLargest(Volume& labels, std::uint8_t label, const PaintRule& rule,
                                 const Connectivity& connectivity, const JobContext* job = nullptr);
    // Both return the change, already applied to `labels` (UInt8, one component); they throw
    // std::invalid_argument (bad label map, label 0) and CancelledError.
};

}  // namespace cadview
