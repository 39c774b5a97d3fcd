#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cadview {

// A file opened for positioned reads (pread): several threads may read one file at once, and nothing
// is buffered or copied on the way into the caller's memory.
class ReadOnlyFile {
  public:
    explicit ReadOnlyFile(const std::string& path);
    ~ReadOnlyFile();
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    bool isOpen() const { return fd_ >= 0; }
    // Reads exactly `bytes` at `offset`; false on error or end of file.
    bool readAt(void* dst, std::size_t bytes, std::uint64_t offset) const;
    std::optional<std::uint64_t> size() const;

  private:
    int fd_;
};

}  // namespace cadview
