#include "io/DataFileExtent.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace cadview {

namespace fs = std::filesystem;

std::optional<std::string> DataFileExtent::detachedProblem(const std::string& header, const std::string& name,
                                                           const std::string& what) {
    const std::string the = "the " + what + " \"" + name + "\"";
    const fs::path relative(name);
    if (relative.is_absolute())
        return the + " is an absolute path (it must lie beside " + fs::path(header).filename().string() + ")";
    for (const auto& part : relative)
        if (part == "..")
            return the + " leaves the folder of " + fs::path(header).filename().string() + " (\"..\")";
    std::error_code ec;
    const fs::path folder = fs::canonical(fs::absolute(header).parent_path(), ec);
    const fs::path target = fs::absolute(header).parent_path() / relative;
    const fs::file_status status = fs::status(target, ec);
    if (!fs::exists(status)) return the + " does not exist";
    if (!fs::is_regular_file(status))
        return the + (fs::is_directory(status) ? " is a folder" : " is not a regular file");
    const fs::path real = fs::canonical(target, ec);
    const auto mismatch = std::mismatch(folder.begin(), folder.end(), real.begin(), real.end());
    if (ec || mismatch.first != folder.end())
        return the + " links outside the folder of " + fs::path(header).filename().string();
    return std::nullopt;
}

std::int64_t DataFileExtent::inflatedBytes(const std::string& path, std::uint64_t offset,
                                           std::uint64_t enough) {
    std::ifstream in(path, std::ios::binary);
    in.seekg(std::streamoff(offset));
    if (!in) return 0;
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) return -1;  // 15 + 32: zlib or gzip header, detected
    std::vector<unsigned char> input(1 << 16), output(1 << 18);
    std::uint64_t total = 0;
    int status = Z_OK;
    while (total < enough && status != Z_STREAM_END) {
        if (z.avail_in == 0) {
            in.read(reinterpret_cast<char*>(input.data()), std::streamsize(input.size()));
            z.avail_in = unsigned(in.gcount());
            z.next_in = input.data();
            if (z.avail_in == 0) break;  // the file ends inside the stream: cut short
        }
        z.next_out = output.data();
        z.avail_out = unsigned(output.size());
        status = inflate(&z, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            inflateEnd(&z);
            return -1;
        }
        total += output.size() - z.avail_out;
        if (status == Z_STREAM_END && total < enough) {  // gzip members may follow one another
            if (z.avail_in == 0 && in.peek() == EOF) break;
            inflateReset(&z);
            status = Z_OK;
        }
    }
    inflateEnd(&z);
    return std::int64_t(total);
}

std::optional<std::string> DataFileExtent::shortfall(const std::string& path, std::uint64_t offset,
                                                     std::uint64_t skip, std::uint64_t needed,
                                                     bool compressed) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec) return "the pixel data file cannot be read (" + ec.message() + ")";
    std::uint64_t have = 0;
    if (compressed) {
        const std::int64_t inflated = inflatedBytes(path, offset, skip + needed);
        if (inflated < 0) return std::string("the compressed pixel data is damaged");
        have = std::uint64_t(inflated) > skip ? std::uint64_t(inflated) - skip : 0;
    } else {
        have = size > offset + skip ? size - offset - skip : 0;
    }
    if (have >= needed) return std::nullopt;
    return "truncated: " + std::to_string(needed) + " bytes of pixel data expected, " + std::to_string(have) +
           " present";
}

void DataFileExtent::read(const std::string& path, std::uint64_t skip, void* destination, std::uint64_t n) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error("cannot open the pixel data");
    gzbuffer(f, 1 << 18);
    bool good = gzseek64(f, z_off64_t(skip), SEEK_SET) == z_off64_t(skip);
    auto* out = static_cast<char*>(destination);
    while (good && n > 0) {
        const unsigned chunk = unsigned(std::min<std::uint64_t>(n, 1u << 30));
        const int got = gzread(f, out, chunk);
        good = got == int(chunk);
        out += chunk;
        n -= chunk;
    }
    gzclose(f);
    if (!good) throw std::runtime_error("the pixel data ends early or is damaged");
}

}  // namespace cadview
