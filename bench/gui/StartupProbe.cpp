#include "StartupProbe.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "BenchPaths.h"
#include "ProcessRunner.h"

namespace cadview::bench {

namespace {
long long monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}
}  // namespace

void StartupProbe::printFirstFrame() {
    std::printf("first-frame %lld\n", monotonicNs());
    std::fflush(stdout);
}

Samples StartupProbe::measure(const std::vector<std::string>& argv, int runs) {
    Samples s;
    const std::string log = scratchDir() + "/startup-probe.log";
    for (int r = 0; r < runs; ++r) {
        const long long spawned = monotonicNs();
        const ProcessResult result = runProcess(argv, log);
        std::istringstream lines(result.output);
        std::string line;
        long long frame = 0;
        while (std::getline(lines, line))
            if (std::sscanf(line.c_str(), "first-frame %lld", &frame) == 1) break;
        if (frame == 0) {
            std::cerr << "startup probe: " << argv.front() << " printed no first-frame line:\n"
                      << result.output << "\n";
            continue;
        }
        s.add(double(frame - spawned) / 1e9);
    }
    return s;
}

}  // namespace cadview::bench
