#include "inference/TorchPlugin.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace cadview {

namespace {

std::mutex& pluginMutex() {
    static std::mutex m;
    return m;
}
InferenceBackend*& pluginBackend() {
    static InferenceBackend* b = nullptr;
    return b;
}

}  // namespace

std::string TorchPlugin::pluginPath() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("CADVIEW_PLUGIN_DIR"); env && *env)
        return (fs::path(env) / "libcadview_torch.so").string();
    return (fs::path(CADVIEW_PLUGIN_DIR) / "libcadview_torch.so").string();
}

bool TorchPlugin::isLoaded() {
    std::lock_guard lock(pluginMutex());
    return pluginBackend() != nullptr;
}

InferenceBackend& TorchPlugin::backend() {
    std::lock_guard lock(pluginMutex());
    if (pluginBackend()) return *pluginBackend();
    const std::string path = pluginPath();
    // Kept open for the life of the process: LibTorch does not support being unloaded.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw InferenceError("the LibTorch engine cannot be loaded from " + path + " (" +
                             (why ? why : "unknown reason") + ")");
    }
    using Factory = InferenceBackend* (*)();
    auto factory = reinterpret_cast<Factory>(::dlsym(handle, "cadview_torch_backend"));
    if (!factory) throw InferenceError(path + " is not a cadview engine plugin");
    pluginBackend() = factory();
    return *pluginBackend();
}

}  // namespace cadview
