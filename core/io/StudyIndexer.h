#pragma once

#include <string>
#include <vector>

#include "io/StudyIndex.h"
#include "jobs/JobContext.h"

namespace cadview {

// Finds everything loadable under a set of files and folders (recursively) without decoding pixels:
// DICOM files are grouped into series (split further when one series mixes geometries), other image
// files become one entry each. Files that cannot be used are listed with their reason.
class StudyIndexer {
  public:
    static StudyIndex index(const std::vector<std::string>& paths, JobContext& job);
    static StudyIndex index(const std::string& path, JobContext& job) {
        return index(std::vector<std::string>{path}, job);
    }

    // True for extensions read through ITK's image IO (NIfTI, NRRD, MetaImage, PNG, JPEG).
    static bool isImageFileName(const std::string& path);
    // True for files that are plainly not images (text, archives...) and are skipped silently.
    static bool isIgnoredFileName(const std::string& path);
};

}  // namespace cadview
