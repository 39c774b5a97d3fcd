#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "Commands.h"
#include "ModelLoader.h"
#include "ProgressPrinter.h"
#include "io/AtomicFile.h"
#include "io/LoadError.h"
#include "io/PngWriter.h"
#include "io/VolumeLoader.h"
#include "io/VolumeWriter.h"

namespace cadview::cli {

namespace {

// One line per manifest label on stdout: value, name, voxel count and volume.
void printLabelCounts(const ModelManifest& m, const Volume& labels) {
    std::array<std::size_t, 256> counts{};
    const std::uint8_t* p = labels.as<std::uint8_t>();
    for (std::size_t i = 0; i < labels.voxelCount(); ++i)
        ++counts[p[i]];
    const Vec3& s = labels.geometry().spacing;
    const double voxelMl = s[0] * s[1] * s[2] / 1000.0;
    for (const auto& l : m.labels) {
        const std::size_t n = counts[std::size_t(l.value)];
        std::cout << l.value << "\t" << l.name << "\t" << n << " voxels";
        if (!labels.info().is2D)
            std::cout << "\t" << std::fixed << std::setprecision(2) << double(n) * voxelMl << " mL";
        std::cout << "\n";
    }
}

}  // namespace

int runSegment(const SegmentOptions& o) {
    const bool png = PngWriter::supportsFileName(o.output);
    if (!png && !VolumeWriter::supportsFileName(o.output)) {
        std::cerr << "cadview-cli: " << o.output
                  << ": unknown output format (use .nii.gz, .nii, .nrrd or .mha, or .png for 2D images)\n";
        return 1;
    }
    if (!std::filesystem::exists(o.input)) {
        std::cerr << "cadview-cli: " << o.input << ": no such file or folder\n";
        return 1;
    }
    ProgressPrinter progress(o.progress, "segment");
    JobContext job(progress.callback());
    const auto runner =
        ModelLoader::load(o.model, o.modelDirs, o.threads, ModelManifest::Task::Segmentation, job);

    LoadOptions load;
    load.threads = o.threads;
    Volume image;
    try {
        image = VolumeLoader::loadPath(o.input, o.seriesUid, load, job);
    } catch (const LoadError& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }
    for (const auto& d : image.diagnostics())
        std::cerr << "cadview-cli: warning: " << describe(d) << "\n";
    AtomicFile::checkTarget(o.output);  // the input is known now: refused before the model runs
    if (png && image.geometry().size[2] != 1) {
        std::cerr << "cadview-cli: " << o.output << ": PNG holds 2D images; " << o.input << " has "
                  << image.geometry().size[2] << " slices (write .nii.gz or .nrrd)\n";
        return 1;
    }

    const InferenceResult result = runner->run(image, job);
    job.setStage(JobStage::Writing, 1);
    if (png)
        PngWriter::write(*result.labels, o.output);
    else
        VolumeWriter::write(*result.labels, o.output);
    job.advance();
    printLabelCounts(runner->manifest(), *result.labels);
    char took[64];
    std::snprintf(took, sizeof took, "model ran in %.2f s", result.seconds);
    progress.print(took, true);
    return 0;
}

}  // namespace cadview::cli
