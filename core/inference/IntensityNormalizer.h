#pragma once

#include "image/Volume.h"
#include "inference/ModelManifest.h"

namespace cadview {

// The manifest's intensity normalisation as a linear map with optional clipping:
//   out = clip((v - offset) * scale)        (clipping only for window, min-max and percentile: [0, 1])
// Statistics (mean and deviation, range, percentiles) come from the whole image, so every slice or
// patch of it is normalised alike.
class IntensityNormalizer {
  public:
    IntensityNormalizer(const ModelManifest& manifest, const Volume& image);
    float operator()(double v) const {
        double t = (v - offset_) * scale_;
        if (clip_) t = t < 0 ? 0 : (t > 1 ? 1 : t);
        return float(t);
    }
    double offset() const { return offset_; }
    double scale() const { return scale_; }

  private:
    double offset_ = 0, scale_ = 1;
    bool clip_ = true;
};

}  // namespace cadview
