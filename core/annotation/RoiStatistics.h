#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "annotation/PolygonFill.h"
#include "image/Volume.h"

namespace cadview {

// Statistics of the image under a region of interest: a label of a label map in the volume or on one
// slice, or a polygon on one slice. Values are as stored (our CT volumes are in HU), component 0.
// Standard deviation is the population one (divides by the count, not count - 1). With no voxel in the
// region, count is 0 and mean, sd, min and max are NaN.
struct RoiStatistics {
    std::size_t count = 0;  // voxels
    double volumeMl = 0.0;  // count x spacing[0] x spacing[1] x spacing[2] / 1000
    double areaMm2 = 0.0;   // slice regions: count x the in-plane spacings; 0 for volume regions
    double mean = 0.0;
    double sd = 0.0;  // population standard deviation
    double min = 0.0;
    double max = 0.0;

    // `labels` UInt8 with one component on the image's grid; otherwise std::invalid_argument.
    static RoiStatistics ofLabel(const Volume& image, const Volume& labels, std::uint8_t label);
    // The label on slice `index` across `normalAxis`.
    static RoiStatistics ofLabelOnSlice(const Volume& image, const Volume& labels, std::uint8_t label,
                                        int normalAxis, std::size_t index);
    // The pixels PolygonFill would fill on slice `index` across `normalAxis`.
    static RoiStatistics ofPolygon(const Volume& image, int normalAxis, std::size_t index,
                                   const std::vector<PolygonFill::Point>& polygon,
                                   PolygonFill::FillRule fillRule = PolygonFill::FillRule::NonZero);
};

}  // namespace cadview
