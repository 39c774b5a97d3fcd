#include "io/InputFiles.h"

#include <sys/stat.h>

#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace cadview {

namespace {

using FileId = std::pair<dev_t, ino_t>;

std::mutex& lock() {
    static std::mutex m;
    return m;
}

// Each file by its identity, with the name it was opened under: an identity whose file was deleted may be
// given to a new file, so a match counts only while that name still leads to the same file.
std::map<FileId, std::string>& files() {
    static std::map<FileId, std::string> s;
    return s;
}

FileId idOf(const struct stat& st) {
    return {st.st_dev, st.st_ino};
}

}  // namespace

void InputFiles::remember(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    const std::lock_guard<std::mutex> guard(lock());
    files()[idOf(st)] = path;
}

bool InputFiles::contains(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    const std::lock_guard<std::mutex> guard(lock());
    const auto it = files().find(idOf(st));
    if (it == files().end()) return false;
    struct stat original {};
    if (::stat(it->second.c_str(), &original) == 0 && idOf(original) == it->first) return true;
    files().erase(it);  // the input is gone and its identity was reused
    return false;
}

}  // namespace cadview
