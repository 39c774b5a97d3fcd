#include "inference/ModelRegistry.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "io/DataFileExtent.h"

namespace cadview {

namespace fs = std::filesystem;

std::string ModelRegistry::bundledModelDirectory() {
    if (const char* env = std::getenv("CADVIEW_RESOURCES"); env && *env)
        return (fs::path(env) / "models").string();
    return (fs::path(CADVIEW_RESOURCE_DIR) / "models").string();
}

ModelRegistry ModelRegistry::scan(const std::vector<std::string>& directories) {
    ModelRegistry r;
    for (const std::string& dir : directories) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            r.problems_.push_back({dir, "no such folder"});
            continue;
        }
        std::vector<fs::path> manifests;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const fs::path m = entry.path() / "manifest.json";
            if (entry.is_directory(ec) && fs::is_regular_file(m, ec)) manifests.push_back(m);
        }
        std::sort(manifests.begin(), manifests.end());
        for (const fs::path& path : manifests) {
            try {
                ModelManifest m = ModelManifest::load(path.string());
                // A regular file inside the model's folder: not a folder, a device, nor a file reached by a
                // link or ".." from elsewhere.
                const std::string name = fs::path(m.file).lexically_relative(m.directory).string();
                if (const auto problem = DataFileExtent::detachedProblem(path.string(), name, "model file")) {
                    r.problems_.push_back({path.string(), *problem});
                    continue;
                }
                auto same = std::find_if(r.models_.begin(), r.models_.end(),
                                         [&](const ModelManifest& other) { return other.name == m.name; });
                if (same != r.models_.end())
                    *same = std::move(m);
                else
                    r.models_.push_back(std::move(m));
            } catch (const ManifestError& e) {
                r.problems_.push_back({path.string(), e.what()});
            }
        }
    }
    return r;
}

const ModelManifest& ModelRegistry::find(const std::string& name) const {
    for (const ModelManifest& m : models_)
        if (m.name == name) return m;
    std::string known;
    for (const ModelManifest& m : models_)
        known += (known.empty() ? "" : ", ") + m.name;
    throw ManifestError("no model named \"" + name + "\"" +
                        (known.empty() ? " (no models found)" : " (models: " + known + ")"));
}

}  // namespace cadview
