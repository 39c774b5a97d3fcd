#pragma once

#include <string>

#include "jobs/JobContext.h"
#include "training/ClassTags.h"

namespace cadview {

// Writes the tagged images as a folder-labelled dataset, DIR/<class>/<image>: a single image file is
// copied as is (DIR/<class>/<name>.<ext>), a DICOM series into its own folder (DIR/<class>/<name>/), the
// layout `cadview-cli train` and `evaluate` read for classification. Only copies: the sources are never
// changed. Names that clash get a numeric suffix; an existing DIR is added to, never emptied.
class FolderDatasetExport {
  public:
    struct Summary {
        std::size_t images = 0;
        std::size_t files = 0;
        std::size_t classes = 0;
    };
    // Throws std::runtime_error naming the file when a source is missing or a copy fails, and
    // CancelledError when `job` is cancelled (what was copied stays).
    static Summary write(const ClassTags& tags, const std::string& dir, JobContext& job);
};

}  // namespace cadview
