#pragma once

#include <string>
#include <vector>

#include "BenchStats.h"

namespace cadview::bench {

// Time from spawning a GUI program to its first frame on screen. The program prints
// "first-frame <CLOCK_MONOTONIC ns>" once its window has been painted (cadview --exit-when-shown does).
class StartupProbe {
  public:
    // Runs `argv` `runs` times; returns the seconds from spawn to first frame of each run.
    static Samples measure(const std::vector<std::string>& argv, int runs);
    // Prints the "first-frame" line for this process (used by the bare-Qt peer mode).
    static void printFirstFrame();
};

}  // namespace cadview::bench
