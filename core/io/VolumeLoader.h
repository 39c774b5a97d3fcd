#pragma once

#include <string>

#include "image/Volume.h"
#include "image/VolumeDescription.h"
#include "io/LoadOptions.h"
#include "io/SeriesEntry.h"
#include "io/StudyIndex.h"
#include "jobs/JobContext.h"

namespace cadview {

// One entry point for everything loadable: picks the DICOM or image-file reader for an index entry.
class VolumeLoader {
  public:
    static VolumeDescription describe(const SeriesEntry& entry, const LoadOptions& options = {});
    static Volume load(const SeriesEntry& entry, const LoadOptions& options, JobContext& job);

    // Indexes `path` and loads the series named by `uid`, or, when `uid` is empty, the one series found
    // (or the one with the most images, adding a SeveralSeries warning). Problems met while indexing
    // are added to the volume's diagnostics. Throws LoadError when nothing loadable is there.
    static Volume loadPath(const std::string& path, const std::string& uid, const LoadOptions& options,
                           JobContext& job);
    // The entry loadPath() would pick.
    static const SeriesEntry& pick(const StudyIndex& index, const std::string& path, const std::string& uid);
};

}  // namespace cadview
