#include "io/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace cadview {

// The name is ours alone while we run; one with the same process id and counter can only be left by a
// process that crashed before us, so it is truncated rather than refused (refusing would stop autosave).
std::string AtomicFile::temporaryPath(const std::string& target, const std::string& extension) {
    static std::atomic<unsigned> counter{0};
    const fs::path path(target);
    std::string name = ".";  // appended piece by piece: GCC 12 misreports "." + std::string (-Wrestrict)
    name += path.filename().string();
    name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + extension;
    return (path.parent_path() / name).string();
}

void AtomicFile::commit(const std::string& temporary, const std::string& target) {
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) {
        discard(temporary);
        throw std::runtime_error(target + ": cannot replace the file (" + ec.message() + ")");
    }
}

void AtomicFile::write(const std::string& target, const std::string& bytes, unsigned permissions) {
    const std::string temporary = temporaryPath(target);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions);
    if (fd < 0) throw std::runtime_error(target + ": cannot be written (" + std::strerror(errno) + ")");
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string reason = n < 0 ? std::strerror(errno) : "nothing written";
            ::close(fd);
            discard(temporary);
            throw std::runtime_error(target + ": cannot be written (" + reason + ")");
        }
        done += std::size_t(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const std::string reason = synced ? std::string() : std::strerror(errno);
    if (::close(fd) != 0 || !synced) {
        discard(temporary);
        throw std::runtime_error(target + ": cannot be written (" + (synced ? "close failed" : reason) + ")");
    }
    commit(temporary, target);
}

void AtomicFile::discard(const std::string& temporary) {
    std::error_code ec;
    fs::remove(temporary, ec);
}

}  // namespace cadview
