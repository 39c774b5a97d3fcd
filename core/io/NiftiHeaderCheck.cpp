#include "io/NiftiHeaderCheck.h"

#include "io/DataFileExtent.h"

#include <zlib.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cadview {

namespace {

namespace fs = std::filesystem;

// The fields we check, from either header version, in native byte order.
struct Header {
    int version = 1;
    bool singleFile = true;  // "n+1" / "n+2": data in the same file after the header
    std::array<std::int64_t, 8> dim{};
    int bitpix = 0;
    std::array<double, 8> pixdim{};
    double voxOffset = 0;
    int qformCode = 0, sformCode = 0;
    std::array<double, 6> quatern{};  // b, c, d, qoffset x, y, z
    std::array<double, 12> srow{};
};

class Bytes {
  public:
    Bytes(const unsigned char* b, bool swap) : b_(b), swap_(swap) {}
    template <typename T>
    T get(std::size_t offset) const {
        unsigned char tmp[sizeof(T)];
        std::memcpy(tmp, b_ + offset, sizeof(T));
        if (swap_)
            for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
                std::swap(tmp[i], tmp[sizeof(T) - 1 - i]);
        T v;
        std::memcpy(&v, tmp, sizeof(T));
        return v;
    }

  private:
    const unsigned char* b_;
    bool swap_;
};

std::int32_t swapped32(std::int32_t v) {
    const auto u = std::uint32_t(v);
    return std::int32_t((u >> 24) | ((u >> 8) & 0xff00) | ((u << 8) & 0xff0000) | (u << 24));
}

Header parseV1(const Bytes& b, const unsigned char* raw) {
    Header h;
    h.singleFile = std::memcmp(raw + 344, "n+1", 4) == 0;
    for (int i = 0; i < 8; ++i)
        h.dim[std::size_t(i)] = b.get<std::int16_t>(40 + 2 * std::size_t(i));
    h.bitpix = b.get<std::int16_t>(72);
    for (int i = 0; i < 8; ++i)
        h.pixdim[std::size_t(i)] = b.get<float>(76 + 4 * std::size_t(i));
    h.voxOffset = b.get<float>(108);
    h.qformCode = b.get<std::int16_t>(252);
    h.sformCode = b.get<std::int16_t>(254);
    for (int i = 0; i < 6; ++i)
        h.quatern[std::size_t(i)] = b.get<float>(256 + 4 * std::size_t(i));
    for (int i = 0; i < 12; ++i)
        h.srow[std::size_t(i)] = b.get<float>(280 + 4 * std::size_t(i));
    return h;
}

Header parseV2(const Bytes& b, const unsigned char* raw) {
    Header h;
    h.version = 2;
    h.singleFile = std::memcmp(raw + 4, "n+2", 4) == 0;
    h.bitpix = b.get<std::int16_t>(14);
    for (int i = 0; i < 8; ++i)
        h.dim[std::size_t(i)] = b.get<std::int64_t>(16 + 8 * std::size_t(i));
    for (int i = 0; i < 8; ++i)
        h.pixdim[std::size_t(i)] = b.get<double>(104 + 8 * std::size_t(i));
    h.voxOffset = double(b.get<std::int64_t>(168));
    h.qformCode = b.get<std::int32_t>(344);
    h.sformCode = b.get<std::int32_t>(348);
    for (int i = 0; i < 6; ++i)
        h.quatern[std::size_t(i)] = b.get<double>(352 + 8 * std::size_t(i));
    for (int i = 0; i < 12; ++i)
        h.srow[std::size_t(i)] = b.get<double>(400 + 8 * std::size_t(i));
    return h;
}

bool isGzip(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char m[2] = {};
    in.read(reinterpret_cast<char*>(m), 2);
    return in.gcount() == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::optional<std::string> matrixProblem(const char* name, const double (&m)[3][3], const double (&t)[3]) {
    for (int r = 0; r < 3; ++r) {
        if (!std::isfinite(t[r]) || std::abs(t[r]) > NiftiHeaderCheck::kMaxCoordinate)
            return std::string(name) + " offset " + number(t[r]) + " is not a position in mm";
        for (int c = 0; c < 3; ++c)
            if (!std::isfinite(m[r][c]) || std::abs(m[r][c]) > NiftiHeaderCheck::kMaxSpacing)
                return std::string(name) + " element " + number(m[r][c]) + " cannot be true";
    }
    double norms[3];
    for (int c = 0; c < 3; ++c)
        norms[c] = std::sqrt(m[0][c] * m[0][c] + m[1][c] * m[1][c] + m[2][c] * m[2][c]);
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (!(std::abs(det) > 1e-6 * norms[0] * norms[1] * norms[2]) || norms[0] * norms[1] * norms[2] == 0)
        return std::string(name) + " has collinear or zero axes (a singular matrix)";
    return std::nullopt;
}

std::optional<std::string> geometryProblem(const Header& h, std::vector<std::string>& warnings) {
    const std::int64_t nd = h.dim[0];
    if (nd < 1 || nd > 7) return "dim[0] = " + std::to_string(nd) + " is not 1 to 7";
    long double voxels = 1;
    for (std::int64_t i = 1; i <= nd; ++i) {
        if (h.dim[std::size_t(i)] < 1)
            return "dim[" + std::to_string(i) + "] = " + std::to_string(h.dim[std::size_t(i)]) +
                   " is below 1";
        voxels *= (long double)h.dim[std::size_t(i)];
    }
    if (voxels > (long double)NiftiHeaderCheck::kMaxVoxels)
        return "the header claims " + number(double(voxels)) + " voxels";
    if (h.bitpix < 8 || h.bitpix > 128 || h.bitpix % 8 != 0)
        return "bitpix " + std::to_string(h.bitpix) + " is not a whole number of bytes";
    static const char* const kAxis[] = {"", "x", "y", "z"};
    for (std::int64_t i = 1; i <= std::min<std::int64_t>(nd, 3); ++i) {
        const double s = h.pixdim[std::size_t(i)];
        if (!std::isfinite(s) || s < 0 || s > NiftiHeaderCheck::kMaxSpacing)
            return std::string("pixel spacing ") + number(s) + " mm along " + kAxis[i] + " cannot be true";
        if (s == 0)
            warnings.push_back(std::string("pixel spacing along ") + kAxis[i] +
                               " is 0 in the header: 1 mm assumed");
    }
    if (h.sformCode > 0) {
        const double m[3][3] = {{h.srow[0], h.srow[1], h.srow[2]},
                                {h.srow[4], h.srow[5], h.srow[6]},
                                {h.srow[8], h.srow[9], h.srow[10]}};
        const double t[3] = {h.srow[3], h.srow[7], h.srow[11]};
        if (auto p = matrixProblem("the sform", m, t)) return p;
    }
    if (h.qformCode > 0) {
        const double b = h.quatern[0], c = h.quatern[1], d = h.quatern[2];
        for (const double q : {b, c, d})
            if (!std::isfinite(q) || std::abs(q) > 1.0001)
                return "the qform quaternion element " + number(q) + " cannot be true";
        for (int i = 3; i < 6; ++i)
            if (!std::isfinite(h.quatern[std::size_t(i)]) ||
                std::abs(h.quatern[std::size_t(i)]) > NiftiHeaderCheck::kMaxCoordinate)
                return "the qform offset " + number(h.quatern[std::size_t(i)]) + " is not a position in mm";
    }
    return std::nullopt;
}

// The file holding the pixels: the .nii itself, or the .img (.img.gz) beside a .hdr.
std::string dataFileOf(const std::string& path, bool singleFile) {
    if (singleFile) return path;
    std::string p = path;
    const std::size_t at = p.rfind(".hdr");
    if (at == std::string::npos) return path;
    p.replace(at, 4, ".img");
    if (!fs::exists(p) && fs::exists(p + ".gz")) p += ".gz";
    return p;
}

}  // namespace

NiftiHeaderCheck::Result NiftiHeaderCheck::check(const std::string& path) {
    Result r;
    std::array<unsigned char, 544> raw{};
    int got = 0;
    if (gzFile f = gzopen(path.c_str(), "rb")) {
        got = gzread(f, raw.data(), unsigned(raw.size()));
        gzclose(f);
    }
    std::int32_t size = 0;
    std::memcpy(&size, raw.data(), 4);
    const bool swap = size != 348 && size != 540;
    if (swap) size = swapped32(size);
    if (got < 4 || (size != 348 && size != 540)) {
        r.problem = kNotNifti;
        return r;
    }
    if (got < size) {
        r.problem = "truncated: the file ends inside its NIfTI header";
        return r;
    }
    const Bytes b(raw.data(), swap);
    const Header h = size == 348 ? parseV1(b, raw.data()) : parseV2(b, raw.data());
    if (auto p = geometryProblem(h, r.warnings)) {
        r.problem = "damaged NIfTI header: " + *p;
        return r;
    }
    const double minOffset = h.singleFile ? double(size) : 0.0;  // a .hdr's .img starts at 0
    if (!std::isfinite(h.voxOffset) || h.voxOffset < minOffset || h.voxOffset > 1e12) {
        r.problem = "damaged NIfTI header: vox_offset " + number(h.voxOffset) +
                    (h.voxOffset < minOffset ? " lies inside the header" : " cannot be true");
        return r;
    }
    std::uint64_t bytes = std::uint64_t(h.bitpix / 8);
    for (std::int64_t i = 1; i <= h.dim[0]; ++i)
        bytes *= std::uint64_t(h.dim[std::size_t(i)]);
    const std::string data = dataFileOf(path, h.singleFile);
    std::error_code ec;
    if (!fs::is_regular_file(data, ec)) {
        r.problem = "the pixel data file " + data + " is missing or not a regular file";
        return r;
    }
    r.dataFile = data;
    r.voxOffset = std::uint64_t(h.voxOffset);  // from the start of the (inflated) file
    r.problem = DataFileExtent::shortfall(data, 0, r.voxOffset, bytes, isGzip(data));
    return r;
}

}  // namespace cadview
