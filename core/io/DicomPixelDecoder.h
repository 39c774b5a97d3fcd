#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "image/Diagnostic.h"
#include "image/PixelType.h"
#include "io/DicomInstance.h"

namespace cadview {

// What every decoded slice of a series becomes.
struct SliceFormat {
    std::size_t columns = 0;
    std::size_t rows = 0;
    int components = 1;  // 1 grey, or 3 for 8-bit RGB
    PixelType type = PixelType::Int16;
    bool invert = false;  // MONOCHROME1: output = invertSum - rescaled
    double invertSum = 0;
    double blank = 0;  // value of the pixels a truncated file lacks
};

// One output slice: frame `frame` of the file, written to `dst`, rescaled as `header` says.
struct SliceTarget {
    std::size_t frame = 0;
    std::byte* dst = nullptr;
    const DicomInstance* header = nullptr;
};

// Decodes the pixel data of one DICOM file into output slices. Uncompressed little-endian grey-scale
// single frames (most CT and MR) are read straight into the output slice; everything else goes through
// GDCM. Pixel data the file does not fully hold is found and reported, never passed off as image.
class DicomPixelDecoder {
  public:
    static constexpr int kChildSeconds =
        300;  // one file's pixel data in a child, however large and compressed

    // Decodes the frames `targets` name. Throws LoadError when the file gives no usable image; returns
    // warnings about images decoded only in part (uncompressed data cut short: the pixels the file lacks
    // are `format.blank`).
    //
    // What only GDCM can decode runs in a child process, since hostile pixel data makes GDCM crash or abort:
    // `viaWorker` when given (a ChildWorkers child that runs decodeWithGdcm for the same file and targets,
    // which must then lie in shared memory; it returns the warnings or throws LoadError), otherwise a child
    // forked for this file alone (ChildProcess).
    static Diagnostics decode(const DicomInstance& file, const std::vector<SliceTarget>& targets,
                              const SliceFormat& format, std::vector<char>& scratch,
                              const std::function<Diagnostics()>& viaWorker = {});
    // GDCM's part, in the calling process: for the child that viaWorker asks.
    static Diagnostics decodeWithGdcm(const DicomInstance& file, const std::vector<SliceTarget>& targets,
                                      const SliceFormat& format, std::vector<char>& scratch);
    // A child's answer (decodeWithGdcm's warnings, or its LoadError) as bytes, and back (throws the
    // LoadError).
    static std::string encodeOutcome(const std::function<Diagnostics()>& decode);
    static Diagnostics decodeOutcome(const std::string& bytes);
};

}  // namespace cadview
