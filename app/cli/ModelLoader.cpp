#include "ModelLoader.h"

#include <filesystem>
#include <thread>

#include "Commands.h"
#include "inference/ModelRegistry.h"
#include "inference/TorchPlugin.h"

namespace cadview::cli {

namespace fs = std::filesystem;

unsigned ModelLoader::resolveThreads(unsigned threads) {
    return threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

std::unique_ptr<ModelRunner> ModelLoader::load(const std::string& name,
                                               const std::vector<std::string>& modelDirs, unsigned threads,
                                               std::optional<ModelManifest::Task> task, JobContext& job) {
    const ModelRegistry registry = ModelRegistry::scan(modelDirectories(modelDirs));
    const ModelManifest* manifest = nullptr;
    try {
        manifest = &registry.find(name);
    } catch (const ManifestError& e) {
        // A folder of that name whose manifest or model file is broken says more than "no model named".
        for (const auto& p : registry.problems())
            if (fs::path(p.path).parent_path().filename() == name) throw ManifestError(p.error);
        throw;
    }
    if (task && manifest->task != *task)
        throw ManifestError("the model " + name + " is a " + toString(manifest->task) +
                            " model; use cadview-cli " +
                            (manifest->task == ModelManifest::Task::Segmentation ? "segment" : "classify"));
    InferenceBackend& backend = TorchPlugin::backend();
    backend.setThreads(int(resolveThreads(threads)));
    return std::make_unique<ModelRunner>(*manifest, backend, job);
}

}  // namespace cadview::cli
