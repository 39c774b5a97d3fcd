#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pacs/DicomNode.h"

namespace cadview {

class JobContext;

// C-STORE of DICOM files (any SOP class: images, a DICOM SEG, ...) to a node. Each file is proposed in
// its own transfer syntax and in Explicit and Implicit VR Little Endian (uncompressed files are converted
// when the node only takes the other one). Folders are searched recursively; files that are not DICOM
// Part 10 files are skipped and reported, not sent.
class PacsSender {
  public:
    struct FileStatus {
        std::string path;
        std::string sopInstanceUid;  // empty when the file could not be read
        bool sent = false;           // stored with status success or warning
        std::uint16_t status = 0;    // the C-STORE response status (when a request was made)
        std::string message;         // empty when stored with success; else what happened, in words
    };
    struct Result {
        std::vector<FileStatus> files;  // in the order sent (sorted paths)
        std::size_t sent = 0, failed = 0, skipped = 0;
    };

    explicit PacsSender(DicomNode node) : node_(std::move(node)) {}

    // Throws std::invalid_argument for a bad node or a path that does not exist, std::runtime_error
    // naming the node when the association fails, CancelledError when `job` was cancelled (files sent
    // until then stay on the node). Per-file failures are in the result, not thrown. Progress:
    // JobStage::Writing, one step per file.
    Result send(const std::vector<std::string>& paths, JobContext& job) const;

    // The files `paths` name: files as given, folders searched recursively; sorted, no duplicates.
    static std::vector<std::string> collectFiles(const std::vector<std::string>& paths);

  private:
    DicomNode node_;
};

}  // namespace cadview
