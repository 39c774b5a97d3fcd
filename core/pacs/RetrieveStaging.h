#pragma once

// Internal to core/pacs: where a retrieve writes what it receives. Instances go to a fresh hidden folder
// inside the destination (same file system, so moving them into place is a rename); commit() moves them
// to DEST/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm, and the destructor removes the
// temporary folder, so a cancelled or failed retrieve leaves nothing behind.

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

class DcmDataset;

namespace cadview {

class RetrieveStaging {
  public:
    // Creates the destination (if needed) and the temporary folder; throws std::runtime_error when
    // either cannot be created.
    explicit RetrieveStaging(const std::filesystem::path& destination);
    ~RetrieveStaging();
    RetrieveStaging(const RetrieveStaging&) = delete;
    RetrieveStaging& operator=(const RetrieveStaging&) = delete;

    // Writes a received instance (in the transfer syntax it arrived in) into the temporary folder and
    // deletes `dataset` (taken over, may be null). Thread-safe. Returns the empty string on success,
    // else why it could not be stored (no SOP Instance UID, disk full, ...).
    std::string store(DcmDataset* dataset);

    // Writes a received DICOM Part 10 file (as bytes, e.g. a WADO-RS part) into the temporary folder and
    // reads its UIDs. Thread-safe. Returns the empty string on success, else why it was not stored.
    std::string storeBytes(const std::string& bytes);

    // Moves every stored instance into place (replacing files of the same instance) and removes the
    // temporary folder. Returns the final paths, sorted. Throws std::runtime_error when a move fails.
    std::vector<std::string> commit();

    std::size_t count() const;
    const std::filesystem::path& folder() const { return temporary_; }

    // Prefix of the temporary folders' names (".cadview-partial-").
    static const char* temporaryPrefix();
    // `uid` when it is safe as a file or folder name (digits and dots, 1-64 characters), else a name
    // derived from `fallback`: never a path separator, "..", or anything a hostile peer could choose.
    static std::string safeName(const std::string& uid, const std::string& fallback);

  private:
    struct Instance {
        std::string studyUid, seriesUid, sopInstanceUid;
        std::filesystem::path file;
    };

    std::filesystem::path destination_;
    std::filesystem::path temporary_;
    mutable std::mutex mutex_;
    std::vector<Instance> instances_;
    std::size_t counter_ = 0;
    bool committed_ = false;
};

}  // namespace cadview
