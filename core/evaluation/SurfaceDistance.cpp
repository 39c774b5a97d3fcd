#include "evaluation/SurfaceDistance.h"

#include <itkImage.h>
#include <itkSignedMaurerDistanceMapImageFilter.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cadview {

namespace {

using MaskImage = itk::Image<std::uint8_t, 3>;
using DistanceImage = itk::Image<float, 3>;

// 1 for voxels of `mask` on its surface.
std::vector<std::uint8_t> surfaceOf(const std::uint8_t* mask, const ImageGeometry& g) {
    const long nx = long(g.size[0]), ny = long(g.size[1]), nz = long(g.size[2]);
    std::vector<std::uint8_t> s(g.voxelCount(), 0);
    const auto at = [&](long x, long y, long z) {
        if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return false;
        return mask[std::size_t((z * ny + y) * nx + x)] != 0;
    };
    for (long z = 0; z < nz; ++z)
        for (long y = 0; y < ny; ++y)
            for (long x = 0; x < nx; ++x) {
                if (!at(x, y, z)) continue;
                bool edge = !at(x - 1, y, z) || !at(x + 1, y, z) || !at(x, y - 1, z) || !at(x, y + 1, z);
                if (nz > 1) edge = edge || !at(x, y, z - 1) || !at(x, y, z + 1);
                s[std::size_t((z * ny + y) * nx + x)] = edge;
            }
    return s;
}

// Distance (mm) from every voxel to the nearest voxel set in `surface`.
DistanceImage::Pointer distanceTo(std::vector<std::uint8_t>& surface, const ImageGeometry& g) {
    auto image = MaskImage::New();
    MaskImage::RegionType region;
    region.SetSize({{g.size[0], g.size[1], g.size[2]}});
    image->SetRegions(region);
    MaskImage::SpacingType spacing;
    for (int i = 0; i < 3; ++i)
        spacing[unsigned(i)] = g.spacing[i];
    image->SetSpacing(spacing);
    image->GetPixelContainer()->SetImportPointer(surface.data(), surface.size(), false);
    auto filter = itk::SignedMaurerDistanceMapImageFilter<MaskImage, DistanceImage>::New();
    filter->SetInput(image);
    filter->SetBackgroundValue(0);
    filter->SetUseImageSpacing(true);
    filter->SetSquaredDistance(false);
    filter->SetInsideIsPositive(false);
    filter->SetNumberOfWorkUnits(1);
    filter->Update();
    return filter->GetOutput();
}

bool anySet(const std::uint8_t* m, std::size_t n) {
    return std::any_of(m, m + n, [](std::uint8_t v) { return v != 0; });
}

}  // namespace

std::vector<double> SurfaceDistance::directed(const std::uint8_t* from, const std::uint8_t* to,
                                              const ImageGeometry& grid) {
    const std::size_t n = grid.voxelCount();
    if (n == 0 || !anySet(from, n) || !anySet(to, n)) return {};
    std::vector<std::uint8_t> target = surfaceOf(to, grid);
    const auto distance = distanceTo(target, grid);
    const float* d = distance->GetBufferPointer();
    const std::vector<std::uint8_t> source = surfaceOf(from, grid);
    std::vector<double> out;
    for (std::size_t i = 0; i < n; ++i)
        if (source[i]) out.push_back(std::max(0.0, double(d[i])));  // <= 0 on the target surface itself
    return out;
}

double SurfaceDistance::percentile(std::vector<double> values, double p) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const std::size_t lo = std::size_t(std::floor(rank));
    const std::size_t hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

double SurfaceDistance::hausdorff95(const std::uint8_t* a, const std::uint8_t* b, const ImageGeometry& grid) {
    const std::size_t n = grid.voxelCount();
    const bool hasA = anySet(a, n), hasB = anySet(b, n);
    if (!hasA && !hasB) return 0.0;
    if (!hasA || !hasB) return std::numeric_limits<double>::quiet_NaN();
    return std::max(percentile(directed(a, b, grid), 95), percentile(directed(b, a, grid), 95));
}

}  // namespace cadview
