#pragma once

#include <cstddef>
#include <string>

namespace cadview::bench {

// Memory figures of the calling process from /proc/self/status, in bytes (0 when unavailable).
struct ProcStatus {
    static std::size_t residentBytes();  // VmRSS: resident now
    static std::size_t peakBytes();      // VmHWM: highest resident since exec (or since resetPeak)
    // Resets VmHWM to the current VmRSS (writes 5 to /proc/self/clear_refs, Linux >= 4.0).
    static bool resetPeak();
};

// Absolute path of the running executable (/proc/self/exe), and a program expected in the same folder.
std::string selfExecutablePath();
std::string siblingExecutable(const std::string& name, const char* argv0);

}  // namespace cadview::bench
