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

void TorchPlugin::prepareEnvironment() {
    // LibTorch runs its intra-op work on OpenMP (libgomp, loaded with the plugin, which reads its
    // settings from the environment once). By default idle OpenMP threads spin; on a machine whose cores
    // are also busy with other work, a spinning thread that the kernel preempted misses the next parallel
    // region by a whole time slice: a small ResNet took 440 ms a forward pass on 2 threads, against
    // 10 ms on 1. Sleeping (passive) threads are woken promptly instead: 8 ms on 2 threads.
    const char* set = std::getenv("OMP_WAIT_POLICY");
    if (!set || !*set) ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
}

bool TorchPlugin::isLoaded() {
    std::lock_guard lock(pluginMutex());
    return pluginBackend() != nullptr;
}

InferenceBackend& TorchPlugin::backend() {
    std::lock_guard lock(pluginMutex());
    if (pluginBackend()) return *pluginBackend();
    const std::string path = pluginPath();
    prepareEnvironment();
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
