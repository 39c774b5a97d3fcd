#include "OurSeriesLoader.h"

#include "BenchStats.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"
#include "jobs/JobContext.h"

namespace cadview::bench {

OurLoadResult OurSeriesLoader::load(const std::string& dir, unsigned threads) {
    OurLoadResult r;
    std::optional<Stopwatch::Clock::time_point> previewAt;
    Stopwatch total;

    JobContext job;
    const StudyIndex index = StudyIndexer::index(dir, job);
    r.indexSeconds = total.seconds();
    const SeriesEntry& entry = VolumeLoader::pick(index, dir, "");

    LoadOptions options;
    options.threads = threads;
    // Called once from a worker thread; read after load() has joined its workers.
    options.onPreview = [&previewAt](const Volume&) { previewAt = Stopwatch::Clock::now(); };
    const Stopwatch loadClock;
    r.volume = VolumeLoader::load(entry, options, job);
    r.seconds = total.seconds();
    if (previewAt) {
        r.previewSinceStart = std::chrono::duration<double>(*previewAt - total.start()).count();
        r.previewSinceLoad = std::chrono::duration<double>(*previewAt - loadClock.start()).count();
    }
    return r;
}

}  // namespace cadview::bench
