#include <iostream>

#include "Commands.h"
#include "io/LoadError.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"
#include "io/VolumeWriter.h"

namespace cadview::cli {

int runConvert(const ConvertOptions& options) {
    if (!VolumeWriter::supportsFileName(options.output)) {
        std::cerr << "cadview-cli: " << options.output
                  << ": unknown output format (use .nii, .nii.gz, .nrrd or .mha)\n";
        return 1;
    }
    JobContext job;
    const StudyIndex index = StudyIndexer::index(options.input, job);
    if (options.seriesUid.empty() && index.series.size() > 1) {
        std::cerr << "cadview-cli: " << options.input << " holds " << index.series.size()
                  << " series; choose one with --series:\n";
        for (const auto& s : index.series)
            std::cerr << "  " << s.uid << "  " << s.modality << "  " << s.imageCount() << " images  "
                      << s.seriesDescription << "\n";
        return 1;
    }
    LoadOptions load;
    load.resampleIrregular = !options.noResample;
    load.threads = options.threads;
    try {
        const SeriesEntry& entry = VolumeLoader::pick(index, options.input, options.seriesUid);
        const Volume volume = VolumeLoader::load(entry, load, job);
        for (const auto& d : volume.diagnostics())
            std::cerr << "cadview-cli: warning: " << describe(d) << "\n";
        VolumeWriter::write(volume, options.output);
    } catch (const LoadError& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace cadview::cli
