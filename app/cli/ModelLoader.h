#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "inference/ModelManifest.h"
#include "inference/ModelRunner.h"
#include "jobs/JobContext.h"

namespace cadview::cli {

// The model of `segment` and `classify`: found by name in the bundled folder and the --model-dir
// folders, the LibTorch plugin loaded with the requested intra-op threads, the model loaded and
// validated by its dry run. Throws ManifestError or InferenceError with a message for the user.
class ModelLoader {
  public:
    // `threads` 0: all cores. With `task`, a model of the other task is refused with a message.
    static std::unique_ptr<ModelRunner> load(const std::string& name,
                                             const std::vector<std::string>& modelDirs, unsigned threads,
                                             std::optional<ModelManifest::Task> task, JobContext& job);
    static unsigned resolveThreads(unsigned threads);
};

}  // namespace cadview::cli
