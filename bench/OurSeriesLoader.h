#pragma once

#include <optional>
#include <string>

#include "image/Volume.h"

namespace cadview::bench {

struct OurLoadResult {
    Volume volume;
    double seconds = 0;       // index + load
    double indexSeconds = 0;  // StudyIndexer::index alone
    // When LoadOptions::onPreview fired, measured from the start of the index and from the start of the
    // load proper (VolumeLoader::load, after indexing). Empty when it never fired.
    std::optional<double> previewSinceStart;
    std::optional<double> previewSinceLoad;
};

// Ours, the way the app opens a folder: StudyIndexer::index, VolumeLoader::pick the (only) series,
// VolumeLoader::load with parallel decoding on `threads` workers (0 = all cores).
class OurSeriesLoader {
  public:
    static OurLoadResult load(const std::string& dir, unsigned threads = 0);
};

}  // namespace cadview::bench
