#include "inference/IntensityNormalizer.h"

#include <cmath>

#include "image/IntensityStatistics.h"

namespace cadview {

IntensityNormalizer::IntensityNormalizer(const ModelManifest& m, const Volume& image) {
    using N = ModelManifest::Normalization;
    switch (m.normalization) {
        case N::Window:
            offset_ = m.windowCenter - m.windowWidth / 2;
            scale_ = 1.0 / m.windowWidth;
            break;
        case N::MinMax: {
            const auto r = IntensityStatistics::range(image);
            offset_ = r.min;
            scale_ = r.max > r.min ? 1.0 / (r.max - r.min) : 1.0;
            break;
        }
        case N::Percentile: {
            const auto p =
                IntensityStatistics::percentiles(image, {m.percentileLow / 100, m.percentileHigh / 100});
            offset_ = p[0];
            scale_ = p[1] > p[0] ? 1.0 / (p[1] - p[0]) : 1.0;
            break;
        }
        case N::ZScore: {
            const auto ms = IntensityStatistics::meanAndDeviation(image);
            offset_ = ms.mean;
            scale_ = ms.deviation > 0 ? 1.0 / ms.deviation : 1.0;
            clip_ = false;
            break;
        }
    }
}

}  // namespace cadview
