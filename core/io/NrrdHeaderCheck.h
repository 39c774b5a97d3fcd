#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cadview {

// Reads a NRRD header (text up to the first blank line, or the whole .nhdr) before ITK does, and refuses
// what ITK's reader would follow or misread:
// - a detached data file ("data file:") that breaks DataFileExtent's rule (a regular file beside or below
//   the header: never a FIFO, which blocks the reader, nor /etc/passwd, /proc/self/environ or "../..."), or
//   that names several files (LIST or a numbered pattern);
// - raw or gzip pixel data shorter than sizes and type claim (ITK zero-fills the rest);
// - a header that does not start with "NRRD000" or has no end within kMaxHeaderBytes;
// - "space directions", "spacings" or "space origin" with a value that is infinite, NaN (but for a spacing)
//   or absurd (ITK turns a 1e300 direction into 1 mm without a word).
// A spacing of "nan" (the format's "unknown") is accepted with a warning: 1 mm is used there.
class NrrdHeaderCheck {
  public:
    static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
    struct Result {
        std::optional<std::string> problem;  // why the file is refused
        std::vector<std::string> warnings;   // defaults used, named
    };
    static Result check(const std::string& path);
};

}  // namespace cadview
