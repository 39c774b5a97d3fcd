#pragma once

#include <cstdint>
#include <vector>

#include "image/ImageGeometry.h"

namespace cadview {

// Distances between the surfaces of two binary masks on one grid, in millimetres (the grid's spacing).
// A surface voxel is a mask voxel with a face neighbour (6 in 3D, 4 in-plane for a single slice) outside
// the mask or outside the grid. Distances are from voxel centre to the nearest surface voxel centre of the
// other mask (exact Euclidean distance transform, ITK's Maurer filter).
class SurfaceDistance {
  public:
    // For each surface voxel of `from`, the distance to the surface of `to`. Empty when either mask is.
    static std::vector<double> directed(const std::uint8_t* from, const std::uint8_t* to,
                                        const ImageGeometry& grid);

    // The 95th percentile Hausdorff distance as MONAI and the Medical Segmentation Decathlon compute it:
    // max(p95(A -> B), p95(B -> A)), percentiles interpolated linearly between ranks (numpy's default).
    // 0 when both masks are empty; NaN when exactly one is.
    static double hausdorff95(const std::uint8_t* a, const std::uint8_t* b, const ImageGeometry& grid);

    // The p-th percentile (0..100) of `values`, linear between ranks; NaN for no values.
    static double percentile(std::vector<double> values, double p);
};

}  // namespace cadview
