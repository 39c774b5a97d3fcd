#pragma once

#include <memory>
#include <string>

#include "BenchStats.h"
#include "image/Volume.h"

namespace cadview::bench {

// How the viewer's event loop answers while a model runs on the open study: a 5 ms timer records the
// longest gap between its ticks, from Run to the result on screen (LibTorch is loaded during the first
// run). Also the run's own duration.
struct ModelResponsiveness {
    Samples longestGap;  // seconds, one per run
    Samples runTime;
};

class ModelResponsivenessBench {
  public:
    static ModelResponsiveness run(const std::shared_ptr<const Volume>& volume, const std::string& modelDir,
                                   const std::string& model, int runs);
};

}  // namespace cadview::bench
