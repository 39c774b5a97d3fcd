#pragma once

#include <string>
#include <vector>

namespace cadview::bench {

// What one child process did: exit status, wall time from spawn to reap, and its resource usage as
// reported by wait4 (ru_maxrss is the peak resident set of the child, in KiB on Linux).
struct ProcessResult {
    int exitCode = -1;  // -1 when killed by a signal
    int signal = 0;
    double wallSeconds = 0;
    double userSeconds = 0;
    double systemSeconds = 0;
    long maxRssKiB = 0;
    std::string output;  // stdout and stderr together

    bool ok() const { return exitCode == 0; }
    double peakBytes() const { return double(maxRssKiB) * 1024.0; }
};

// Spawns argv (argv[0] is the program path, not searched on PATH) with posix_spawn, sends its stdout and
// stderr to `logPath`, waits with wait4 and reads the log back.
//
// Caveat of Linux accounting: a child's ru_maxrss is at least the resident size the parent had when it
// spawned the child (exec records the old address space's high-water mark), so spawn from a small parent.
ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& logPath);

}  // namespace cadview::bench
