#include "ProcStatus.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cadview::bench {

namespace {

std::size_t statusField(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.compare(0, field.size(), field) != 0 || line.size() <= field.size() ||
            line[field.size()] != ':')
            continue;
        std::istringstream value(line.substr(field.size() + 1));
        std::size_t kib = 0;
        value >> kib;
        return kib * 1024;
    }
    return 0;
}

}  // namespace

std::size_t ProcStatus::residentBytes() {
    return statusField("VmRSS");
}

std::size_t ProcStatus::peakBytes() {
    return statusField("VmHWM");
}

bool ProcStatus::resetPeak() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return bool(out);
}

std::string selfExecutablePath() {
    std::error_code ec;
    const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

std::string siblingExecutable(const std::string& name, const char* argv0) {
    namespace fs = std::filesystem;
    std::string self = selfExecutablePath();
    if (self.empty() && argv0) self = fs::absolute(argv0).string();
    if (self.empty()) return name;
    return (fs::path(self).parent_path() / name).string();
}

}  // namespace cadview::bench
