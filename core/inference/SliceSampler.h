#pragma once

#include <cstddef>
#include <vector>

#include "image/Volume.h"
#include "inference/IntensityNormalizer.h"

namespace cadview {

// Normalised float copies of a volume's slices (index axis 2), or of the whole volume, as model input.
// Colour images are reduced to luminance first.
class SliceSampler {
  public:
    SliceSampler(const Volume& image, const IntensityNormalizer& normalizer)
        : image_(image), normalizer_(normalizer) {}

    std::size_t width() const { return image_.geometry().size[0]; }
    std::size_t height() const { return image_.geometry().size[1]; }
    std::size_t depth() const { return image_.geometry().size[2]; }
    // Slice z (clamped into the volume) into `out` (width x height).
    void slice(long z, float* out) const;
    // The whole volume into `out` (width x height x depth).
    void volume(float* out) const;

  private:
    const Volume& image_;
    const IntensityNormalizer& normalizer_;
};

}  // namespace cadview
