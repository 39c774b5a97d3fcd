#pragma once

#include <optional>
#include <string>
#include <vector>

#include "inference/ModelManifest.h"

namespace cadview {

// The models cadview can run: every `<folder>/manifest.json` one level below each model directory.
// Directories later in the list win over earlier ones for a model of the same name (a user's folder
// over the bundled models). Broken manifests are listed with their error; they never stop the scan.
class ModelRegistry {
  public:
    struct Problem {
        std::string path;
        std::string error;
    };

    static ModelRegistry scan(const std::vector<std::string>& directories);
    // resources/models of this build (or $CADVIEW_RESOURCES/models when set).
    static std::string bundledModelDirectory();

    const std::vector<ModelManifest>& models() const { return models_; }
    const std::vector<Problem>& problems() const { return problems_; }
    // By name; throws ManifestError listing the known names when there is none.
    const ModelManifest& find(const std::string& name) const;

  private:
    std::vector<ModelManifest> models_;
    std::vector<Problem> problems_;
};

}  // namespace cadview
