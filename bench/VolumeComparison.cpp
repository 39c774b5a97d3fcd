#include "VolumeComparison.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cadview::bench {

VolumeComparison VolumeComparison::compare(const Volume& ours, const PeerVolume& peer) {
    VolumeComparison c;
    const ImageGeometry& g = ours.geometry();
    c.sameSize = g.size == peer.size && ours.components() == 1;
    c.samePixelType = ours.pixelType() == PixelType::Int16;
    if (!c.sameSize) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "size differs: ours %zux%zux%zu, ITK %zux%zux%zu", g.size[0],
                      g.size[1], g.size[2], peer.size[0], peer.size[1], peer.size[2]);
        c.note = buf;
        return c;
    }
    if (!c.samePixelType) {
        c.note = "ours is " + std::string(pixelTypeName(ours.pixelType())) + ", ITK is int16";
        return c;
    }

    const std::size_t n = ours.voxelCount();
    const std::int16_t* a = ours.as<std::int16_t>();
    if (std::memcmp(a, peer.data, n * sizeof(std::int16_t)) == 0) {
        c.identicalVoxels = true;
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const int d = std::abs(int(a[i]) - int(peer.data[i]));
            if (d == 0) continue;
            ++c.differingVoxels;
            if (d > c.maxAbsDifference) c.maxAbsDifference = d;
        }
        char buf[160];
        std::snprintf(buf, sizeof buf, "%zu voxels differ (max |difference| %d)", c.differingVoxels,
                      c.maxAbsDifference);
        c.note = buf;
    }

    bool geometry = true;
    for (int a3 = 0; a3 < 3; ++a3) {
        geometry = geometry && std::abs(g.spacing[a3] - peer.spacing[a3]) < 1e-3;
        geometry = geometry && std::abs(g.origin[a3] - peer.origin[a3]) < 1e-3;
    }
    for (int k = 0; k < 9; ++k)
        geometry = geometry && std::abs(g.direction[k] - peer.direction[k]) < 1e-6;
    c.sameGeometry = geometry;
    if (!geometry) {
        char buf[300];
        std::snprintf(buf, sizeof buf,
                      "%sgeometry differs: ours origin (%.3f, %.3f, %.3f) spacing (%.4f, %.4f, %.4f), "
                      "ITK origin (%.3f, %.3f, %.3f) spacing (%.4f, %.4f, %.4f)",
                      c.note.empty() ? "" : "; ", g.origin[0], g.origin[1], g.origin[2], g.spacing[0],
                      g.spacing[1], g.spacing[2], peer.origin[0], peer.origin[1], peer.origin[2],
                      peer.spacing[0], peer.spacing[1], peer.spacing[2]);
        c.note += buf;
    }
    return c;
}

}  // namespace cadview::bench
