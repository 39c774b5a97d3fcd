#pragma once

#include <string>

namespace cadview {

// Replacing a file so that a reader, or a crash, sees the old content or the new, never part of it: the new
// content is written beside the target under a name no other writer uses, flushed to the disk, then renamed
// over the target. Every output of cadview goes through here, so the rules on targets live here too: a
// target is refused (std::runtime_error "<target>: refused: <why>") when it is a symbolic link (never written
// through), a folder or anything but a regular file, one of the files this process opened as a study
// (InputFiles), or in a folder that does not exist.
class AtomicFile {
  public:
    // A hidden name in the target's folder with our process id and a counter, ending in `extension` (writers
    // that choose the format by the name, such as ITK's, then pick the target's). Checks the target first.
    static std::string temporaryPath(const std::string& target, const std::string& extension = {});

    // Throws when `target` may not be written (the rules above).
    static void checkTarget(const std::string& target);

    // Flushes `temporary` to the disk and renames it over `target` (checked again). On failure removes
    // `temporary` and throws "<target>: cannot replace the file (<reason>)" or the refusal.
    static void commit(const std::string& temporary, const std::string& target);

    // Writes `bytes` to a temporary file created with `permissions` (less the umask), flushes it to the disk
    // and commits it. Throws "<target>: cannot be written (<reason>)" and leaves no temporary file behind.
    static void write(const std::string& target, const std::string& bytes, unsigned permissions = 0666);

    // Removes `temporary` if it exists, quietly (clean-up after a failed write).
    static void discard(const std::string& temporary);
};

}  // namespace cadview
