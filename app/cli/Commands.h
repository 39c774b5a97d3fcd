#pragma once

#include <string>

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

// Each returns the process exit code: 0 success, 1 error (message on stderr).
int runInfo(const InfoOptions& options);
int runConvert(const ConvertOptions& options);

}  // namespace cadview::cli
