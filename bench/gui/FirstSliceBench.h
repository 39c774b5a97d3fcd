#pragma once

#include <string>

#include "BenchStats.h"

namespace cadview::bench {

// Opening a large series in the running viewer: when the first slice is on screen, and when the whole
// volume is. The peer is a viewer built on plain ITK, which can show nothing before ImageSeriesReader
// has read the whole series.
struct FirstSliceFigures {
    Samples firstSlice;   // open -> the axial view has painted a slice (the preview)
    Samples wholeVolume;  // open -> the loaded volume is painted in the axial view
    Samples itkLoad;      // the peer's load of the same folder
};

class FirstSliceBench {
  public:
    static FirstSliceFigures run(const std::string& dir, int runs);
};

}  // namespace cadview::bench
