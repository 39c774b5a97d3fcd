#pragma once

#include <optional>
#include <string>

namespace cadview::bench {

// One load in a fresh process: the benchmark re-executes itself with a hidden flag; the child notes its
// resident size right before loading (its baseline: code, libraries, heap after start-up), loads once,
// reports, and exits. The parent reaps it with wait4 and reads ru_maxrss. This gives the peak memory of
// a load, and its time with a cold heap (as in cadview-cli, or the first study an app opens).
struct ColdLoad {
    double baselineBytes = 0;   // child's VmRSS right before the load
    double maxRssBytes = 0;     // ru_maxrss from wait4: the child's peak resident set
    double childPeakBytes = 0;  // the child's own VmHWM after the load (cross-check of ru_maxrss)
    double voxelBytes = 0;      // bytes of the voxels loaded
    double loadSeconds = 0;     // the load alone, timed inside the child
    std::optional<double> previewSinceStart;  // ours only: onPreview, from the start of indexing
    std::optional<double> previewSinceLoad;   //   ... and from the start of VolumeLoader::load

    double aboveBaseline() const { return maxRssBytes - baselineBytes; }
    double ratioToVoxels() const { return voxelBytes > 0 ? aboveBaseline() / voxelBytes : 0; }
    // ru_maxrss cannot be lower than the parent's resident size at spawn; VmHWM can.
    bool maxRssInflated() const { return maxRssBytes > childPeakBytes * 1.05 + 4.0 * 1024 * 1024; }

    // The hidden command-line flag: `--cold-child LOADER DIR`, LOADER is "ours" or "itk".
    static constexpr const char* kChildFlag = "--cold-child";

    // Runs in the child: loads `dir` with `loader` and prints one line for the parent. Returns the exit code.
    static int childMain(const std::string& loader, const std::string& dir);
    // Runs in the parent: spawns `self` in child mode and returns what it measured. Throws on failure.
    static ColdLoad run(const std::string& self, const std::string& loader, const std::string& dir,
                        const std::string& logPath);
};

}  // namespace cadview::bench
