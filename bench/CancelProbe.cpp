#include "CancelProbe.h"

#include <thread>

#include "inference/ModelRunner.h"
#include "inference/TorchPlugin.h"

namespace cadview::bench {

CancelProbe::Result CancelProbe::measure(const ModelManifest& manifest, const Volume& image,
                                         const std::vector<double>& delays) {
    JobContext loadJob;
    ModelRunner runner(manifest, TorchPlugin::backend(), loadJob);
    Result result;
    {
        JobContext job;
        const Stopwatch whole;
        runner.run(image, job);
        result.runSeconds = whole.seconds();
    }
    for (double delay : delays) {
        JobContext job;
        bool cancelled = false;
        Stopwatch::Clock::time_point stopped;
        std::thread worker([&] {
            try {
                runner.run(image, job);
            } catch (const CancelledError&) {
                cancelled = true;
            }
            stopped = Stopwatch::Clock::now();
        });
        std::this_thread::sleep_for(std::chrono::duration<double>(delay));
        const Stopwatch::Clock::time_point requested = Stopwatch::Clock::now();
        job.requestCancel();
        worker.join();
        if (cancelled)
            result.latency.add(std::chrono::duration<double>(stopped - requested).count());
        else
            ++result.finishedFirst;
    }
    return result;
}

}  // namespace cadview::bench
