#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cadview {

// Decodes a whole PNG file with libpng before ITK's PNGImageIO reads it. ITK 5.2 sets no error handler of
// its own (no setjmp), so libpng's default error path aborts the process on a damaged chunk, a bad CRC or
// a file cut short. Here every libpng error is caught (setjmp/longjmp, kept inside one C-style function
// that owns nothing with a destructor) and becomes a message; warnings are ignored, as ITK ignores them.
// Images whose decoded pixels would exceed kMaxDecodedBytes are refused before their rows are decoded.
class PngCheck {
  public:
    static constexpr std::uint64_t kMaxDecodedBytes = std::uint64_t(1) << 30;

    // Nothing when libpng decodes the file to its end; otherwise why not ("damaged PNG file: <libpng's
    // message>", "PNG image too large: ..."), without the file name.
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
