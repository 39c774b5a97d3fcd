#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annotation/LabelTable.h"
#include "image/Volume.h"

namespace cadview {

// Crash recovery for label maps. Each running editor owns a slot (a folder under the recovery
// directory, locked with flock while the process lives) and autosaves its label map there; when a
// process dies, its slot stays behind unlocked, and the next start offers it back.
//
// A save is atomic: the label map goes to a new numbered NRRD file (written to a temporary name and
// renamed), then `recovery.json` (what image it belongs to, which file holds the labels) is written to a
// temporary file, flushed to disk and renamed over the old one; only then are older label files
// removed. Whatever moment the process dies, the slot holds one complete, consistent autosave.
class RecoveryStore {
  public:
    struct Info {
        std::string imageSource;  // file or folder the image was opened from
        std::string imageUid;     // SeriesInstanceUID, or the image file's path
        std::string labelPath;    // where the user last saved the labels ("" when never)
        std::array<std::size_t, 3> size{0, 0, 0};
        std::int64_t savedAtMs = 0;  // milliseconds since the epoch
        std::uint64_t revision = 0;  // the editor's change counter at the save
        std::string labelsFile;      // file name of the label map inside the slot
    };
    // A slot left behind by a process that is gone.
    struct Orphan {
        std::string slot;  // folder
        Info info;
    };

    // Creates the recovery directory when needed and claims a fresh slot in it (locked until
    // destruction). Throws std::runtime_error when the directory cannot be created or locked.
    explicit RecoveryStore(std::string directory);
    ~RecoveryStore();
    RecoveryStore(const RecoveryStore&) = delete;
    RecoveryStore& operator=(const RecoveryStore&) = delete;

    const std::string& slot() const { return slot_; }
    // Autosaves (see above). Throws std::runtime_error naming the file on failure; the previous autosave
    // stays then.
    void save(const Volume& labels, const LabelTable& table, Info info);
    // Drops this process's autosave (after a proper save, or when the image is closed).
    void clear();

    // Slots of processes that are gone and hold an autosave, newest first. Unreadable slots are skipped.
    static std::vector<Orphan> orphans(const std::string& directory);
    // The label map and table of an orphan. Throws std::runtime_error naming the file.
    static std::pair<Volume, LabelTable> load(const Orphan& orphan);
    // Deletes an orphan's slot (recovered or declined). Slots still locked are left alone.
    static void remove(const Orphan& orphan);

  private:
    std::string directory_;
    std::string slot_;
    int lockFd_ = -1;
    std::uint64_t sequence_ = 0;
};

}  // namespace cadview
