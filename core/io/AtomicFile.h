#pragma once

#include <string>

namespace cadview {

// Replacing a file so that a reader, or a crash, sees the old content or the new, never part of it: the new
// content is written beside the target under a name no other writer uses, then renamed over the target.
class AtomicFile {
  public:
    // A hidden name in the target's folder with our process id and a counter, ending in `extension` (writers
    // that choose the format by the name, such as ITK's, then pick the target's).
    static std::string temporaryPath(const std::string& target, const std::string& extension = {});

    // Renames `temporary` over `target`. On failure removes `temporary` and throws
    // "<target>: cannot replace the file (<reason>)".
    static void commit(const std::string& temporary, const std::string& target);

    // Writes `bytes` to a temporary file created with `permissions` (less the umask), flushes it to the disk
    // and commits it. Throws "<target>: cannot be written (<reason>)" and leaves no temporary file behind.
    static void write(const std::string& target, const std::string& bytes, unsigned permissions = 0666);

    // Removes `temporary` if it exists, quietly (clean-up after a failed write).
    static void discard(const std::string& temporary);
};

}  // namespace cadview
