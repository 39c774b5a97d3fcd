#include "io/VolumeLoader.h"

#include <algorithm>

#include "io/DicomSeriesReader.h"
#include "io/ImageFileReader.h"
#include "io/LoadError.h"
#include "io/MemoryBudget.h"
#include "io/StudyIndexer.h"

namespace cadview {

VolumeDescription VolumeLoader::describe(const SeriesEntry& entry, const LoadOptions& options) {
    if (entry.kind == SeriesEntry::Kind::ImageFile) return ImageFileReader::describe(entry.path);
    return DicomSeriesReader::describe(entry, options);
}

Volume VolumeLoader::load(const SeriesEntry& entry, const LoadOptions& options, JobContext& job) {
    if (entry.kind == SeriesEntry::Kind::ImageFile) {
        // ITK may read into a buffer of its own before the volume's: up to twice the volume.
        const VolumeDescription d = ImageFileReader::describe(entry.path);
        const std::uint64_t bytes = std::uint64_t(d.geometry.voxelCount()) * std::uint64_t(d.components) *
                                    bytesPerComponent(d.pixelType);
        MemoryBudget::require(2 * bytes, options, entry.path, "image files cannot be loaded downsampled");
        Volume v = ImageFileReader::read(entry.path, job);
        if (options.onPreview && v.geometry().size[2] == 1) options.onPreview(v);
        return v;
    }
    return DicomSeriesReader::read(entry, options, job);
}

const SeriesEntry& VolumeLoader::pick(const StudyIndex& index, const std::string& path,
                                      const std::string& uid) {
    if (index.series.empty()) {
        if (!index.problems.empty()) throw LoadError(index.problems.front());
        throw LoadError(Diagnostic::Code::UnreadableFile, path, "no images found");
    }
    if (!uid.empty()) {
        for (const auto& s : index.series)
            if (s.uid == uid) return s;
        throw LoadError(Diagnostic::Code::UnreadableFile, path, "no series with UID " + uid);
    }
    return *std::max_element(
        index.series.begin(), index.series.end(),
        [](const SeriesEntry& a, const SeriesEntry& b) { return a.imageCount() < b.imageCount(); });
}

Volume VolumeLoader::loadPath(const std::string& path, const std::string& uid, const LoadOptions& options,
                              JobContext& job) {
    const StudyIndex index = StudyIndexer::index(path, job);
    const SeriesEntry& entry = pick(index, path, uid);
    Volume v = load(entry, options, job);
    if (uid.empty() && index.series.size() > 1)
        v.diagnostics().push_back(Diagnostic::warning(Diagnostic::Code::SeveralSeries, path,
                                                      "loaded " + entry.uid, double(index.series.size())));
    for (const auto& p : index.problems)
        v.diagnostics().push_back(p);
    return v;
}

}  // namespace cadview
