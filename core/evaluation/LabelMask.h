#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// A binary mask picked out of a label map of any pixel type (first component): 1 where the map holds
// `value`, or, with `value` < 0, anything but 0 and `ignore` (ground truths often mark a label 255).
class LabelMask {
  public:
    static std::vector<std::uint8_t> select(const Volume& labels, int value,
                                            std::optional<int> ignore = std::nullopt);
};

}  // namespace cadview
