#include "image/Volume.h"

#include <cstdlib>
#include <stdexcept>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace cadview {

Volume::Volume(const ImageGeometry& geometry, PixelType type, int components)
    : geometry_(geometry), type_(type), components_(components) {
    if (components != 1 && components != 3) throw std::invalid_argument("a volume has 1 or 3 components");
    // Uninitialised, so untouched pages cost no memory. Large buffers are aligned to 2 MiB and offered to
    // transparent huge pages: filling a 300 MiB volume then takes 150 page faults instead of 76800.
    const std::size_t n = bytes();
    constexpr std::size_t kHugePage = std::size_t(2) << 20;
    if (n >= 4 * kHugePage) {
        const std::size_t rounded = (n + kHugePage - 1) / kHugePage * kHugePage;
        if (void* p = std::aligned_alloc(kHugePage, rounded)) {
#ifdef __linux__
            ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
            data_ =
                std::shared_ptr<std::byte[]>(static_cast<std::byte*>(p), [](std::byte* q) { std::free(q); });
            return;
        }
    }
    data_ = std::shared_ptr<std::byte[]>(new std::byte[n]);
}

Volume::Volume(const ImageGeometry& geometry, PixelType type, int components,
               std::shared_ptr<std::byte[]> buffer)
    : geometry_(geometry), type_(type), components_(components), data_(std::move(buffer)) {
    if (components != 1 && components != 3) throw std::invalid_argument("a volume has 1 or 3 components");
    if (!data_) throw std::invalid_argument("a volume needs a buffer");
}

void Volume::setGeometry(const ImageGeometry& g) {
    if (g.voxelCount() != geometry_.voxelCount()) throw std::invalid_argument("geometry changes voxel count");
    geometry_ = g;
}

double Volume::valueAt(std::size_t x, std::size_t y, std::size_t z, int c) const {
    const auto& s = geometry_.size;
    if (x >= s[0] || y >= s[1] || z >= s[2] || c < 0 || c >= components_)
        throw std::out_of_range("voxel index outside the volume");
    const std::size_t i = ((z * s[1] + y) * s[0] + x) * components_ + c;
    return dispatchPixelType(type_, [&](auto v) { return double(as<decltype(v)>()[i]); });
}

}  // namespace cadview
