#pragma once

#include "annotation/LabelEditRecorder.h"
#include "annotation/PaintRule.h"
#include "image/Vec3.h"

namespace cadview {

// The paint brush: a disk on one slice or a sphere, sized in millimetres so it is round on anisotropic
// voxels. Every voxel whose centre lies within the radius is painted (at least the voxel under the
// centre), subject to the PaintRule; the changes go through a LabelEditRecorder, so a whole stroke
// becomes one undoable edit.
struct BrushShape {
    double radiusMm = 2.0;
    bool sphere = false;  // false: a disk on the slice across `normalAxis`
    int normalAxis = 2;
};

class Brush {
  public:
    // One dab centred at `center` (continuous index coordinates; the slice across normalAxis is the
    // one nearest the centre). Returns the number of voxels changed.
    static std::size_t dab(LabelEditRecorder& recorder, const Vec3& center, const BrushShape& shape,
                           const PaintRule& rule);
    // Dabs along the segment from `from` to `to`, close enough that the stroke has no gaps.
    static std::size_t line(LabelEditRecorder& recorder, const Vec3& from, const Vec3& to,
                            const BrushShape& shape, const PaintRule& rule);
};

}  // namespace cadview
