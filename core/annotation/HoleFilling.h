#pragma once

#include <cstddef>

#include "annotation/Connectivity.h"
#include "annotation/LabelEdit.h"
#include "annotation/PaintRule.h"
#include "image/Volume.h"
#include "jobs/JobContext.h"

namespace cadview {

// Fills the holes of one label (rule.value, 1..255). A hole is a connected region of voxels that do not
// hold the label and do not touch the border: of the volume in 3D (6-connected), or of their slice in 2D
// (4-connected, every slice across normalAxis, or only Connectivity::slice). Every voxel of a hole is set
// to the label where the rule allows: voxels of other labels enclosed by the label are overwritten
// unless the rule locks them. 4/6-connected background means a diagonal gap in a drawn outline does not
// open the hole to the outside.
class HoleFilling {
  public:
    // Returns the change, already applied to `labels` (UInt8, one component). Throws
    // std::invalid_argument (bad label map, rule.value 0) and CancelledError.
    static LabelEdit fill(Volume& labels, const PaintRule& rule, const Connectivity& connectivity,
                          const JobContext* job = nullptr);
};

}  // namespace cadview
