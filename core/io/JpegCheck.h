#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cadview {

// Decodes a whole JPEG file with libjpeg before ITK's JPEGImageIO sees it. ITK 5.2's CanReadFile crashes
// (in jpeg_destroy) on a few bytes that start like a JPEG, and libjpeg itself only warns when a file
// ends early (it pads the image with grey). Here:
// - a file shorter than kMinBytes, or not starting with a start-of-image marker followed by another
//   marker (FF D8 FF), is refused before libjpeg is touched;
// - every libjpeg error is caught (error_exit replaced by a longjmp, inside one C-style function that
//   owns nothing with a destructor; messages are not printed) and becomes a message;
// - a file that ends before its image data does is refused ("Premature end of JPEG file"); one that only
//   lacks its final end-of-image marker is accepted (so is a progressive file cut exactly between two
//   scans, which cannot be told from it), as are libjpeg's other warnings (stray bytes between markers),
//   which ITK accepts too;
// - images whose decoded pixels would exceed kMaxDecodedBytes are refused before their scans are decoded.
// The scanlines are decoded at 1/8 scale with the fast IDCT: every entropy-coded bit is still read, which
// is where damage shows, at a fraction of the cost of full-size pixels.
class JpegCheck {
  public:
    static constexpr std::uint64_t kMaxDecodedBytes = std::uint64_t(1) << 30;
    static constexpr std::size_t kMinBytes = 4;

    // Nothing when libjpeg decodes the file completely; otherwise why not ("damaged JPEG file: <libjpeg's
    // message>", "JPEG image too large: ..."), without the file name.
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
