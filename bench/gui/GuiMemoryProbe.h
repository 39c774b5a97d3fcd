#pragma once

#include <string>

namespace cadview::bench {

// Peak memory of the viewer while it loads a series, above the footprint of the open, empty viewer.
// Runs in a child process of its own (ru_maxrss and VmHWM are per process).
struct GuiMemoryFigures {
    double baselineBytes = 0;    // the idle viewer, window shown, views created
    double peakLoadedBytes = 0;  // VmHWM when the volume has arrived (decoding done)
    double peakShownBytes = 0;   // VmHWM once every view, 3D included, has drawn it
    double voxelBytes = 0;
};

class GuiMemoryProbe {
  public:
    // Child side: measures and prints one "gui-memory <baseline> <loaded> <shown> <voxels>" line.
    static int runChild(const std::string& dir);
    // Parent side: spawns `self --child-gui-memory dir` and parses the line.
    static GuiMemoryFigures measure(const std::string& self, const std::string& dir);
};

}  // namespace cadview::bench
