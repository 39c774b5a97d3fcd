#include "ColdLoad.h"

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "BenchStats.h"
#include "ItkSeriesLoader.h"
#include "OurSeriesLoader.h"
#include "ProcStatus.h"
#include "ProcessRunner.h"

namespace cadview::bench {

namespace {
constexpr const char* kReportTag = "CADVIEW_COLD_LOAD";
}

int ColdLoad::childMain(const std::string& loader, const std::string& dir) {
    try {
        ProcStatus::resetPeak();
        const std::size_t baseline = ProcStatus::residentBytes();
        double voxelBytes = 0, seconds = 0, previewStart = -1, previewLoad = -1;
        if (loader == "ours") {
            const OurLoadResult r = OurSeriesLoader::load(dir);
            seconds = r.seconds;
            voxelBytes = double(r.volume.bytes());
            previewStart = r.previewSinceStart.value_or(-1);
            previewLoad = r.previewSinceLoad.value_or(-1);
        } else if (loader == "itk") {
            const Stopwatch clock;
            const PeerVolume v = ItkSeriesLoader::load(dir);
            seconds = clock.seconds();
            voxelBytes = double(v.voxelCount() * sizeof(std::int16_t));
        } else {
            std::cerr << "unknown loader " << loader << "\n";
            return 2;
        }
        const std::size_t peak = ProcStatus::peakBytes();
        std::printf("%s %zu %zu %.0f %.6f %.6f %.6f\n", kReportTag, baseline, peak, voxelBytes, seconds,
                    previewStart, previewLoad);
        std::fflush(stdout);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "cold-load child: " << e.what() << "\n";
        return 1;
    }
}

ColdLoad ColdLoad::run(const std::string& self, const std::string& loader, const std::string& dir,
                       const std::string& logPath) {
    const ProcessResult p = runProcess({self, kChildFlag, loader, dir}, logPath);
    if (!p.ok()) throw std::runtime_error("cold-load child (" + loader + ") failed: " + p.output);
    const std::size_t at = p.output.find(kReportTag);
    if (at == std::string::npos)
        throw std::runtime_error("cold-load child (" + loader + ") said: " + p.output);
    std::size_t baseline = 0, peak = 0;
    double voxels = 0, seconds = 0, previewStart = -1, previewLoad = -1;
    if (std::sscanf(p.output.c_str() + at + std::string(kReportTag).size(), "%zu %zu %lf %lf %lf %lf",
                    &baseline, &peak, &voxels, &seconds, &previewStart, &previewLoad) != 6)
        throw std::runtime_error("cold-load child (" + loader + "): unreadable report: " + p.output);
    ColdLoad c;
    c.baselineBytes = double(baseline);
    c.childPeakBytes = double(peak);
    c.maxRssBytes = p.peakBytes();
    c.voxelBytes = voxels;
    c.loadSeconds = seconds;
    if (previewStart >= 0) c.previewSinceStart = previewStart;
    if (previewLoad >= 0) c.previewSinceLoad = previewLoad;
    return c;
}

}  // namespace cadview::bench
