#include "NiftiHeader.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace cadview::bench {

namespace {

constexpr std::size_t kHeaderSize = 348;
constexpr std::size_t kDimOffset = 40;
constexpr std::size_t kDatatypeOffset = 70;
constexpr std::size_t kBitpixOffset = 72;
constexpr std::size_t kPixdimOffset = 76;
constexpr std::size_t kSclSlopeOffset = 112;
constexpr std::size_t kSclInterOffset = 116;
constexpr std::size_t kMagicOffset = 344;

template <typename T>
T load(const unsigned char* p, bool swap) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, p, sizeof(T));
    if (swap)
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(b[i], b[sizeof(T) - 1 - i]);
    T v;
    std::memcpy(&v, b, sizeof(T));
    return v;
}

const char* datatypeName(int code) {
    switch (code) {
        case 2:
            return "uint8";
        case 4:
            return "int16";
        case 8:
            return "int32";
        case 16:
            return "float32";
        case 64:
            return "float64";
        case 128:
            return "rgb24";
        case 256:
            return "int8";
        case 512:
            return "uint16";
        case 768:
            return "uint32";
        default:
            return "other";
    }
}

}  // namespace

std::optional<NiftiHeader> NiftiHeader::read(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    unsigned char raw[kHeaderSize];
    if (!in.read(reinterpret_cast<char*>(raw), kHeaderSize)) {
        error = path + ": cannot read 348 header bytes";
        return std::nullopt;
    }
    NiftiHeader h;
    const std::int32_t sizeofHdr = load<std::int32_t>(raw, false);
    if (sizeofHdr != 348) {
        if (load<std::int32_t>(raw, true) != 348) {
            error = path + ": not a NIfTI-1 file (sizeof_hdr is not 348)";
            return std::nullopt;
        }
        h.byteSwapped = true;
    }
    if (std::memcmp(raw + kMagicOffset, "n+1", 4) != 0 && std::memcmp(raw + kMagicOffset, "ni1", 4) != 0) {
        error = path + ": NIfTI magic missing";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < 8; ++i) {
        h.dim[i] = load<std::int16_t>(raw + kDimOffset + 2 * i, h.byteSwapped);
        h.pixdim[i] = load<float>(raw + kPixdimOffset + 4 * i, h.byteSwapped);
    }
    h.datatype = load<std::int16_t>(raw + kDatatypeOffset, h.byteSwapped);
    h.bitpix = load<std::int16_t>(raw + kBitpixOffset, h.byteSwapped);
    h.sclSlope = load<float>(raw + kSclSlopeOffset, h.byteSwapped);
    h.sclInter = load<float>(raw + kSclInterOffset, h.byteSwapped);
    return h;
}

std::string NiftiHeader::describe() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%dx%dx%d, %.3fx%.3fx%.3f mm, %s", dim[1], dim[2], dim[3],
                  double(pixdim[1]), double(pixdim[2]), double(pixdim[3]), datatypeName(datatype));
    return buf;
}

bool NiftiHeader::sameGrid(const NiftiHeader& other) const {
    for (int a = 1; a <= 3; ++a) {
        if (dim[a] != other.dim[a]) return false;
        if (std::abs(double(pixdim[a]) - double(other.pixdim[a])) > 1e-3) return false;
    }
    return true;
}

}  // namespace cadview::bench
