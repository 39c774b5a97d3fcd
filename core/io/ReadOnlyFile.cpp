#include "io/ReadOnlyFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cadview {

ReadOnlyFile::ReadOnlyFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}

ReadOnlyFile::~ReadOnlyFile() {
    if (fd_ >= 0) ::close(fd_);
}

bool ReadOnlyFile::readAt(void* dst, std::size_t bytes, std::uint64_t offset) const {
    auto* out = static_cast<unsigned char*>(dst);
    while (bytes > 0) {
        const ssize_t n = ::pread(fd_, out, bytes, off_t(offset));
        if (n <= 0) return false;
        out += n;
        offset += std::uint64_t(n);
        bytes -= std::size_t(n);
    }
    return true;
}

std::optional<std::uint64_t> ReadOnlyFile::size() const {
    struct stat st {};
    if (fd_ < 0 || ::fstat(fd_, &st) != 0) return std::nullopt;
    return std::uint64_t(st.st_size);
}

}  // namespace cadview
