#include <nlohmann/json.hpp>

#include <iostream>

#include "Commands.h"
#include "JsonReport.h"
#include "inference/ModelRegistry.h"

namespace cadview::cli {

std::vector<std::string> modelDirectories(const std::vector<std::string>& extra) {
    std::vector<std::string> dirs{ModelRegistry::bundledModelDirectory()};
    dirs.insert(dirs.end(), extra.begin(), extra.end());
    return dirs;
}

int runModels(const ModelsOptions& options) {
    const ModelRegistry registry = ModelRegistry::scan(modelDirectories(options.modelDirs));
    for (const auto& p : registry.problems())
        if (p.error != "no such folder" || p.path != ModelRegistry::bundledModelDirectory())
            std::cerr << "cadview-cli: " << p.error << "\n";
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const ModelManifest& m : registry.models())
            out.push_back(nlohmann::json::parse(m.toJson()));
        std::cout << dump(out) << "\n";
    } else {
        for (const ModelManifest& m : registry.models())
            std::cout << m.name << "  " << m.version << "  " << toString(m.task) << "  " << m.description
                      << "\n";
    }
    return 0;
}

}  // namespace cadview::cli
