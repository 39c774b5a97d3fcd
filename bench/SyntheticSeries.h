#pragma once

#include <cstddef>
#include <string>

namespace cadview::bench {

struct SyntheticSeriesOptions {
    std::string sourceDir;  // real single-frame CT slices, uncompressed
    std::string outputDir;  // created if missing
    int slices = 600;
    double spacing = 1.25;  // mm between consecutive ImagePositionPatient along the slice normal
    bool force = false;     // rebuild even when the folder already holds `slices` files
};

struct SyntheticSeriesResult {
    std::string outputDir;
    int files = 0;
    int sourceSlices = 0;
    bool reused = false;  // the folder already held the series; nothing was written
    double seconds = 0;
};

// A large CT series made of real slices: the source slices (in InstanceNumber order) are repeated until
// `slices` files exist, each with its own ImagePositionPatient on a regular grid, InstanceNumber and
// SOPInstanceUID, and one new Study/Series/FrameOfReference UID shared by all. The data set is edited with
// GDCM and written back in the source's uncompressed transfer syntax, so pixel data stays byte-identical.
class SyntheticSeries {
  public:
    // Builds the series unless `outputDir` already holds exactly `slices` regular files. Throws
    // std::runtime_error naming the file on failure.
    static SyntheticSeriesResult ensure(const SyntheticSeriesOptions& options);
    static std::size_t countFiles(const std::string& dir);
};

}  // namespace cadview::bench
