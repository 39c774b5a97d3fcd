#pragma once

#include <string>

#include "inference/InferenceBackend.h"

namespace cadview {

// Loads the LibTorch backend (libcadview_torch.so) with dlopen on first use and keeps it for the life
// of the process. Thread-safe. Throws InferenceError with dlopen's reason when the plugin is missing.
class TorchPlugin {
  public:
    static InferenceBackend& backend();
    static bool isLoaded();
    // Where the plugin is looked for: $CADVIEW_PLUGIN_DIR, then the folder the build put it in.
    static std::string pluginPath();
    // Sets the environment LibTorch's OpenMP runtime reads when it is loaded (OMP_WAIT_POLICY=PASSIVE
    // unless the user set it). backend() does it too, but setenv is not safe while other threads read
    // the environment: programs call this at the start of main(), before they start threads.
    static void prepareEnvironment();
};

}  // namespace cadview
