#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "annotation/LabelEdit.h"
#include "annotation/PaintRule.h"
#include "image/Volume.h"
#include "jobs/JobContext.h"

namespace cadview {

// Fills the slices between drawn slices of one label by shape interpolation, so an annotator can draw
// every few slices. Along `normalAxis`, the slices holding label rule.value are the drawn ones; every
// slice strictly between two consecutive drawn slices a and b (all of them empty of the label) gets the
// pixels where (1 - t) * dA + t * dB < 0, with t = (k - a) / (b - a) and dA, dB the exact signed
// distance maps (SignedDistance2D, mm with the in-plane spacing) of the label on slices a and b: the
// outline morphs linearly from one to the other. Slices before the first and after the last drawn slice
// stay untouched. Pixels change only where the rule allows (locked labels, threshold). Slices run in
// parallel.
class SliceInterpolation {
  public:
    // Returns the change, already applied to `labels` (UInt8, one component). Throws
    // std::invalid_argument (bad label map or axis, rule.value 0) and CancelledError (nothing changes).
    static LabelEdit interpolate(Volume& labels, const PaintRule& rule, int normalAxis,
                                 JobContext* job = nullptr, unsigned threads = 0);
    // The slices across `normalAxis` that hold `label`, in increasing order.
    static std::vector<std::size_t> drawnSlices(const Volume& labels, std::uint8_t label, int normalAxis);
};

}  // namespace cadview
