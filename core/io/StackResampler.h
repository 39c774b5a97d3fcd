#pragma once

#include "image/Volume.h"
#include "io/SliceStack.h"
#include "jobs/JobContext.h"

namespace cadview {

// Builds a regular volume from an irregular slice stack (uneven gaps, missing slices, gantry tilt):
// each output voxel is found on the two input slices around it, following the slice normal, with
// bilinear interpolation in-plane and linear interpolation between the slices. Voxels that fall
// outside every input slice get the stack's minimum (air for CT).
class StackResampler {
  public:
    // `stack` holds the decoded slices in `layout.order`; the result has `layout.regularGeometry`.
    static Volume resample(const Volume& stack, const SliceStack& layout, JobContext& job);
};

}  // namespace cadview
