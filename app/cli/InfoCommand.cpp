#include <iostream>

#include "Commands.h"
#include "JsonReport.h"
#include "io/LoadError.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"

namespace cadview::cli {

int runInfo(const InfoOptions& options) {
    JobContext job;
    const StudyIndex index = StudyIndexer::index(options.path, job);
    LoadOptions load;
    load.resampleIrregular = !options.noResample;

    nlohmann::json series = nlohmann::json::array();
    int failures = 0;
    for (const auto& entry : index.series) {
        try {
            series.push_back(toJson(entry, VolumeLoader::describe(entry, load)));
        } catch (const LoadError& e) {
            ++failures;
            nlohmann::json j{{"uid", entry.uid}, {"path", entry.path}, {"error", toJson(e.diagnostic())}};
            series.push_back(j);
            std::cerr << "cadview-cli: " << e.what() << "\n";
        }
    }
    for (const auto& p : index.problems)
        if (p.severity == Diagnostic::Severity::Error) std::cerr << "cadview-cli: " << describe(p) << "\n";

    if (options.json) {
        nlohmann::json out{{"path", options.path},
                           {"files_scanned", index.filesScanned},
                           {"series", series},
                           {"problems", toJson(index.problems)}};
        std::cout << dump(out) << "\n";
    } else {
        for (const auto& s : series) {
            if (s.contains("error")) continue;
            std::cout << s["uid"].get<std::string>() << "  " << s["modality"].get<std::string>() << "  "
                      << s["size"].dump() << " voxels, spacing " << s["spacing"].dump() << " mm, "
                      << s["pixel_type"].get<std::string>() << "  " << s["description"].get<std::string>()
                      << "\n";
            for (const auto& w : s["warnings"])
                std::cout << "    " << w["message"].get<std::string>() << "\n";
        }
    }
    if (index.series.empty()) {
        std::cerr << "cadview-cli: no images found at " << options.path << "\n";
        return 1;
    }
    return failures == int(index.series.size()) ? 1 : 0;
}

}  // namespace cadview::cli
