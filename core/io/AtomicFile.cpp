#include "io/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "io/InputFiles.h"

namespace fs = std::filesystem;

namespace cadview {

namespace {

[[noreturn]] void refuse(const std::string& target, const std::string& why) {
    throw std::runtime_error(target + ": refused: " + why);
}

// Flushes a written file's data to the disk; the reason when that fails (a full disk may show only here).
std::string syncProblem(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    const bool synced = ::fsync(fd) == 0;
    const std::string reason = synced ? std::string() : std::strerror(errno);
    ::close(fd);
    return reason;
}

}  // namespace

void AtomicFile::checkTarget(const std::string& target) {
    const fs::path path(target);
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (fs::is_symlink(link))
        refuse(target, "it is a symbolic link, and outputs are never written through links");
    if (fs::exists(link)) {
        if (fs::is_directory(link)) refuse(target, "it is a folder");
        if (!fs::is_regular_file(link)) refuse(target, "it exists and is not a regular file");
        if (InputFiles::contains(target))
            refuse(target, "it is one of the input files, which are never written");
    }
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (!fs::is_directory(folder, ec)) refuse(target, "the folder " + folder.string() + " does not exist");
}

// The name is ours alone while we run; one with the same process id and counter can only be left by a
// process that crashed before us, so it is truncated rather than refused (refusing would stop autosave).
std::string AtomicFile::temporaryPath(const std::string& target, const std::string& extension) {
    checkTarget(target);
    static std::atomic<unsigned> counter{0};
    const fs::path path(target);
    std::string name = ".";  // appended piece by piece: GCC 12 misreports "." + std::string (-Wrestrict)
    name += path.filename().string();
    name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + extension;
    return (path.parent_path() / name).string();
}

void AtomicFile::commit(const std::string& temporary, const std::string& target) {
    try {
        checkTarget(target);
    } catch (...) {
        discard(temporary);
        throw;
    }
    std::string reason = syncProblem(temporary);
    std::error_code ec;
    if (reason.empty()) {
        fs::rename(temporary, target, ec);
        reason = ec ? ec.message() : std::string();
    }
    if (!reason.empty()) {
        discard(temporary);
        throw std::runtime_error(target + ": cannot replace the file (" + reason + ")");
    }
    // The rename itself reaches the disk with the folder's entry (best effort: not every file system can).
    const fs::path folder =
        fs::path(target).parent_path().empty() ? fs::path(".") : fs::path(target).parent_path();
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
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
