#include "io/SeriesExport.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <vector>

#include "jobs/JobContext.h"

namespace cadview {

namespace fs = std::filesystem;

SeriesExport::Summary SeriesExport::write(const SeriesEntry& series, const std::string& folder,
                                          const Options& options, JobContext& job) {
    if (series.kind != SeriesEntry::Kind::DicomSeries || series.instances.empty())
        throw std::runtime_error("only a DICOM series can be exported as DICOM files");
    std::error_code ec;
    const fs::path dir(folder);
    if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)))
        throw std::runtime_error(folder + ": choose a new or empty folder");
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error(folder + ": cannot create the folder (" + ec.message() + ")");

    // One file per distinct path (a multi-frame file is one instance per frame).
    std::vector<std::string> files;
    std::set<std::string> seen;
    for (const DicomInstance& i : series.instances)
        if (seen.insert(i.path).second) files.push_back(i.path);

    const std::optional<Deidentifier> deidentifier =
        options.deidentify ? std::optional<Deidentifier>(Deidentifier(*options.deidentify)) : std::nullopt;
    std::vector<fs::path> written;
    job.setStage(JobStage::Writing, files.size());
    try {
        for (std::size_t k = 0; k < files.size(); ++k) {
            job.throwIfCancelled();
            char name[32];
            std::snprintf(name, sizeof name, "IM%05zu.dcm", k + 1);
            const fs::path out = dir / name;
            written.push_back(out);
            if (deidentifier) {
                deidentifier->deidentifyFile(files[k], out.string());
            } else if (!fs::copy_file(files[k], out, fs::copy_options::none, ec)) {
                throw std::runtime_error(out.string() + ": cannot be written (" + ec.message() + ")");
            }
            job.advance();
        }
    } catch (...) {
        for (const fs::path& p : written)
            fs::remove(p, ec);
        throw;
    }
    return {files.size()};
}

}  // namespace cadview
