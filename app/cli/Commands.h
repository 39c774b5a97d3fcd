#pragma once

#include <string>
#include <vector>

namespace cadview::cli {

struct InfoOptions {
    std::string path;
    bool json = false;
    bool noResample = false;
};

struct ConvertOptions {
    std::string input;
    std::string output;
    std::string seriesUid;
    bool noResample = false;
    unsigned threads = 0;
};

struct ModelsOptions {
    bool json = false;
    std::vector<std::string> modelDirs;
};

// The bundled model folder followed by `extra` (later folders win for models of the same name).
std::vector<std::string> modelDirectories(const std::vector<std::string>& extra);

// Each returns the process exit code: 0 success, 1 error (message on stderr).
int runInfo(const InfoOptions& options);
int runConvert(const ConvertOptions& options);
int runModels(const ModelsOptions& options);

}  // namespace cadview::cli
