#pragma once

#include <cstddef>
#include <cstdint>

namespace cadview {

// Overlap of a predicted binary mask with a reference one on the same grid (voxels non-zero = inside).
// Voxels where `ignore` is non-zero (optional) count for neither, as devices marked in a ground truth.
struct Overlap {
    std::size_t reference = 0;     // reference voxels (not ignored)
    std::size_t predicted = 0;     // predicted voxels (not ignored)
    std::size_t intersection = 0;  // voxels in both
    std::size_t total = 0;         // voxels considered

    static Overlap of(const std::uint8_t* reference, const std::uint8_t* predicted, std::size_t n,
                      const std::uint8_t* ignore = nullptr);

    // 2|A∩B| / (|A| + |B|); 1 when both masks are empty.
    double dice() const;
    // |A∩B| / |A∪B|; 1 when both masks are empty.
    double jaccard() const;
    // Of the reference voxels, the fraction predicted (NaN with an empty reference).
    double sensitivity() const;
};

}  // namespace cadview
