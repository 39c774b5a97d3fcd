#pragma once

#include <string>

#include "image/Volume.h"

namespace cadview {

// Writes a 2D image (size[2] == 1) of UInt8 pixels, grey or RGB, as PNG: label maps of radiographs
// (`cadview-cli segment ... out.png`, label values as they are) and heatmap overlays. Rows are written
// from y = 0 down, as ImageFileReader reads them back; the pixel spacing goes into a pHYs chunk.
//
// Its own encoder rather than ITK's PNGImageIO: ITK's libpng path tries every row filter and deflates
// with zlib, about 100 ms for a 1024 x 1024 RGB overlay on the 2-core build machine, which made PNG
// writing two thirds of `classify --heatmaps`. Here every row uses the "Up" filter (for radiographs and
// their overlays within 5 % of the adaptive choice's size) and libdeflate compresses (zlib when built
// without it): about 28 ms for the same image at level 1.
class PngWriter {
  public:
    static bool supportsFileName(const std::string& path);
    // `compressionLevel`: 1 (fast) to 9 (small). Throws std::runtime_error naming the file when the image
    // is not 2D UInt8 grey/RGB or cannot be written.
    static void write(const Volume& image, const std::string& path, int compressionLevel = 6);
};

}  // namespace cadview
