#include "image/Volume.h"

#include <stdexcept>

namespace cadview {

Volume::Volume(const ImageGeometry& geometry, PixelType type, int components)
    : geometry_(geometry), type_(type), components_(components) {
    if (components != 1 && components != 3) throw std::invalid_argument("a volume has 1 or 3 components");
    // new T[n] without "()" leaves the bytes uninitialised, so untouched pages cost no memory.
    data_ = std::shared_ptr<std::byte[]>(new std::byte[bytes()]);
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
