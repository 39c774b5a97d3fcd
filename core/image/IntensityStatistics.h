#pragma once

#include <vector>

#include "image/Volume.h"

namespace cadview {

// Intensity figures of a volume's first component, for display defaults (auto window) and probes.
class IntensityStatistics {
  public:
    // Values at the given fractions (0..1) of the sorted voxels. Large volumes are subsampled to about
    // two million voxels with a fixed stride, so the answer is deterministic and takes milliseconds.
    static std::vector<double> percentiles(const Volume& volume, const std::vector<double>& fractions);
    struct Range {
        double min = 0;
        double max = 0;
    };
    static Range range(const Volume& volume);
    struct MeanAndDeviation {
        double mean = 0;
        double deviation = 0;
    };
    // Over every voxel (first component), in double precision.
    static MeanAndDeviation meanAndDeviation(const Volume& volume);
};

}  // namespace cadview
