#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cadview {

// Where a header-plus-data image file (NIfTI, NRRD, MetaImage) keeps its pixels, and whether they are all
// there, checked before ITK reads them: ITK zero-fills, or leaves uninitialised, what a short file lacks,
// opens a detached data file that is a FIFO (and blocks), and follows any path a header names.
class DataFileExtent {
  public:
    // Why `name`, the data file a header at `header` names, may not be read; nothing when it may. The rule:
    // a relative path without "..", naming a regular file that lies, after links are resolved, in the
    // header's folder or below it. `what` names the file in the reason ("the data file \"x.raw\" ...").
    static std::optional<std::string> detachedProblem(const std::string& header, const std::string& name,
                                                      const std::string& what = "data file");

    // Bytes the zlib or gzip stream starting at `offset` in `path` inflates to, counted chunk by chunk and
    // no further than `enough`; -1 when the stream is damaged (not cut short: a cut stream is counted).
    static std::int64_t inflatedBytes(const std::string& path, std::uint64_t offset, std::uint64_t enough);

    // Why the pixels are not all there: `needed` bytes after `skip` bytes of what starts at `offset` of
    // `path`, stored raw or (when `compressed`) as a zlib/gzip stream. Nothing when they are.
    static std::optional<std::string> shortfall(const std::string& path, std::uint64_t offset,
                                                std::uint64_t skip, std::uint64_t needed, bool compressed);

    // Reads `n` bytes after `skip` bytes of `path`, which may be gzip-compressed (as a .nii.gz is) or not,
    // into `destination`. Throws std::runtime_error when they are not all there.
    static void read(const std::string& path, std::uint64_t skip, void* destination, std::uint64_t n);
};

}  // namespace cadview
