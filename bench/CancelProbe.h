#pragma once

#include <string>
#include <vector>

#include "BenchStats.h"
#include "image/Volume.h"
#include "inference/ModelManifest.h"

namespace cadview::bench {

// Cancel latency of the GUI-free inference job: ModelRunner::run on a worker thread with its own
// JobContext (what the viewer's background job wraps), cancelled from the calling thread after each of
// the given delays from the start of the run. Latency = requestCancel() to the worker leaving run() with
// CancelledError. Runs that finish before their cancel are counted, not timed.
class CancelProbe {
  public:
    struct Result {
        Samples latency;  // seconds
        int finishedFirst = 0;
        double runSeconds = 0;  // one uncancelled run, for scale
    };
    static Result measure(const ModelManifest& manifest, const Volume& image,
                          const std::vector<double>& delays);
};

}  // namespace cadview::bench
