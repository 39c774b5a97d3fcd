#include "io/PngWriter.h"

#ifdef CADVIEW_HAVE_LIBDEFLATE
#include <libdeflate.h>
#else
#include <zlib.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/AtomicFile.h"

namespace cadview {

namespace {

std::uint32_t crcOf(const std::uint8_t* data, std::size_t n, std::uint32_t crc) {
    if (n == 0) return crc;  // both libraries treat a null buffer as "give the initial value"
#ifdef CADVIEW_HAVE_LIBDEFLATE
    return libdeflate_crc32(crc, data, n);
#else
    return std::uint32_t(::crc32(crc, data, uInt(n)));
#endif
}

// A zlib stream (RFC 1950) of `raw`, as PNG's IDAT wants it.
std::vector<std::uint8_t> zlibCompress(const std::vector<std::uint8_t>& raw, int level) {
#ifdef CADVIEW_HAVE_LIBDEFLATE
    libdeflate_compressor* c = libdeflate_alloc_compressor(level);
    if (!c) throw std::bad_alloc();
    std::vector<std::uint8_t> out(libdeflate_zlib_compress_bound(c, raw.size()));
    const std::size_t n = libdeflate_zlib_compress(c, raw.data(), raw.size(), out.data(), out.size());
    libdeflate_free_compressor(c);
    if (n == 0) throw std::runtime_error("compression failed");
#else
    uLongf n = ::compressBound(uLong(raw.size()));
    std::vector<std::uint8_t> out(n);
    if (::compress2(out.data(), &n, raw.data(), uLong(raw.size()), level) != Z_OK)
        throw std::runtime_error("compression failed");
#endif
    out.resize(n);
    return out;
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(std::uint8_t(v >> shift));
}

// length, type, data, CRC of type and data
void writeChunk(std::string& file, const char (&type)[5], const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> head;
    putU32(head, std::uint32_t(data.size()));
    head.insert(head.end(), type, type + 4);
    std::uint32_t crc = crcOf(head.data() + 4, 4, 0);
    crc = crcOf(data.data(), data.size(), crc);
    std::vector<std::uint8_t> tail;
    putU32(tail, crc);
    file.append(head.begin(), head.end());
    file.append(data.begin(), data.end());
    file.append(tail.begin(), tail.end());
}

}  // namespace

bool PngWriter::supportsFileName(const std::string& path) {
    std::string s = path;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s.size() >= 4 && s.compare(s.size() - 4, 4, ".png") == 0;
}

void PngWriter::write(const Volume& image, const std::string& path, int compressionLevel) {
    const ImageGeometry& g = image.geometry();
    if (image.empty()) throw std::runtime_error(path + ": nothing to write");
    if (g.size[2] != 1)
        throw std::runtime_error(path + ": PNG holds 2D images; this one has " + std::to_string(g.size[2]) +
                                 " slices (write .nii.gz or .nrrd)");
    if (image.pixelType() != PixelType::UInt8)
        throw std::runtime_error(path + ": PNG is written from 8-bit pixels, not " +
                                 std::string(pixelTypeName(image.pixelType())));
    const std::size_t width = g.size[0], height = g.size[1], channels = std::size_t(image.components());
    const std::size_t rowBytes = width * channels;

    // Each row: filter type 2 ("Up": the byte minus the byte above it), then the filtered bytes.
    std::vector<std::uint8_t> raw((rowBytes + 1) * height);
    const std::uint8_t* src = image.as<std::uint8_t>();
    for (std::size_t y = 0; y < height; ++y) {
        std::uint8_t* row = raw.data() + y * (rowBytes + 1);
        const std::uint8_t* cur = src + y * rowBytes;
        row[0] = 2;
        if (y == 0) {
            std::copy(cur, cur + rowBytes, row + 1);
        } else {
            const std::uint8_t* above = cur - rowBytes;
            for (std::size_t i = 0; i < rowBytes; ++i)
                row[1 + i] = std::uint8_t(cur[i] - above[i]);
        }
    }

    std::vector<std::uint8_t> header;
    putU32(header, std::uint32_t(width));
    putU32(header, std::uint32_t(height));
    header.insert(header.end(), {8, std::uint8_t(channels == 3 ? 2 : 0), 0, 0, 0});  // depth, colour, ...
    std::vector<std::uint8_t> phys;  // pixels per metre from the spacing in mm
    putU32(phys, std::uint32_t(std::lround(1000.0 / g.spacing[0])));
    putU32(phys, std::uint32_t(std::lround(1000.0 / g.spacing[1])));
    phys.push_back(1);  // unit: metre

    std::vector<std::uint8_t> data;
    try {
        data = zlibCompress(raw, std::clamp(compressionLevel, 1, 9));
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": cannot write (" + e.what() + ")");
    }
    static const std::array<std::uint8_t, 8> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::string file(signature.begin(), signature.end());
    file.reserve(data.size() + 128);
    writeChunk(file, "IHDR", header);
    writeChunk(file, "pHYs", phys);
    writeChunk(file, "IDAT", data);
    writeChunk(file, "IEND", {});
    AtomicFile::write(path, file);
}

}  // namespace cadview
