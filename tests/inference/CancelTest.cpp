// Cancel stops work: a run on a worker thread, cancelled from the test's thread while it is in a given
// stage (pre-processing, inference, post-processing), ends with CancelledError within 0.2 s of the
// request (measured with the monotonic clock), for 3D sliding windows, 2D slices and occlusion saliency.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "TestModels.h"

namespace cadview::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kMaxLatency = 0.2;

struct CancelOutcome {
    bool reachedStage = false;
    bool cancelled = false;
    bool finished = false;
    double latency = -1;  // seconds from requestCancel() to the worker leaving run()
};

// Loads the model, starts it on `image` on a worker thread, waits until the job reports `stage`, waits
// `delay` more, requests cancel and measures how long the worker takes to stop.
CancelOutcome cancelDuring(const ModelManifest& m, const Volume& image, JobStage stage, double delay) {
    JobContext loadJob;
    ModelRunner runner(m, TorchPlugin::backend(), loadJob);
    std::atomic<bool> seen{false};
    JobContext job([&](const JobProgress& p) {
        if (p.stage == stage) seen = true;
    });
    CancelOutcome out;
    std::atomic<bool> done{false};
    Clock::time_point stopped;
    std::thread worker([&] {
        try {
            runner.run(image, job);
            out.finished = true;
        } catch (const CancelledError&) {
            out.cancelled = true;
        }
        stopped = Clock::now();
        done = true;
    });
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (!done && !seen && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    out.reachedStage = seen;
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    const Clock::time_point requested = Clock::now();
    job.requestCancel();
    worker.join();
    out.latency = std::chrono::duration<double>(stopped - requested).count();
    return out;
}

void expectPromptCancel(const CancelOutcome& o, const char* what) {
    EXPECT_TRUE(o.reachedStage) << what;
    EXPECT_FALSE(o.finished) << what << ": the run finished before the cancel; make the input larger";
    EXPECT_TRUE(o.cancelled) << what;
    EXPECT_LT(o.latency, kMaxLatency) << what;
    std::cout << "  cancel latency (" << what << "): " << o.latency * 1000 << " ms\n";
}

Volume largeVolume(std::size_t nx, std::size_t ny, std::size_t nz) {
    Lcg rng(11);
    return makeVolume<std::int16_t>(gridOf(nx, ny, nz),
                                    [&](auto, auto, auto) { return double(rng.next(201)); });
}

TEST(Cancel, SlidingWindows3DDuringInference) {
    const Volume image = largeVolume(256, 256, 96);
    expectPromptCancel(cancelDuring(testManifest("test-seg3d"), image, JobStage::Inferring, 0.05),
                       "3D inference");
}

TEST(Cancel, SlidingWindows3DDuringPreprocessing) {
    // Resampling 0.5 mm to the model's 1 mm grid: a large volume keeps pre-processing busy.
    Volume image = largeVolume(512, 512, 160);
    ImageGeometry g = image.geometry();
    g.spacing = {0.5, 0.5, 0.5};
    image.setGeometry(g);
    expectPromptCancel(cancelDuring(testManifest("test-seg3d"), image, JobStage::Preprocessing, 0.02),
                       "3D pre-processing");
}

TEST(Cancel, SlidingWindows3DDuringPostprocessing) {
    // A coarse model (4 mm) over a fine image (0.5 mm): mapping probabilities back is the long part.
    ModelManifest m = testManifest("test-seg3d");
    m.inputSpacing = {4.0, 4.0, 4.0};
    Volume image = largeVolume(512, 512, 200);
    ImageGeometry g = image.geometry();
    g.spacing = {0.5, 0.5, 0.5};
    image.setGeometry(g);
    expectPromptCancel(cancelDuring(m, image, JobStage::Postprocessing, 0.01), "3D post-processing");
}

TEST(Cancel, Slices2DDuringInference) {
    const Volume image = largeVolume(512, 512, 120);
    expectPromptCancel(cancelDuring(testManifest("test-seg2d"), image, JobStage::Inferring, 0.05),
                       "2D slices");
}

TEST(Cancel, OcclusionSaliency) {
    ModelManifest m = testManifest("test-cls-resnet");
    m.featureMapOutput.reset();  // occlusion: 64 forward passes of the ResNet-like model
    Volume image = makeVolume<std::uint8_t>(
        gridOf(1024, 1024, 1), [](auto x, auto y, auto) { return double((x * 7 + y * 3) % 256); });
    expectPromptCancel(cancelDuring(m, image, JobStage::Inferring, 0.05), "occlusion");
}

TEST(Cancel, CancelledBeforeStartThrowsAtOnce) {
    JobContext load;
    ModelRunner runner(testManifest("test-seg2d"), TorchPlugin::backend(), load);
    JobContext job;
    job.requestCancel();
    const Volume image = largeVolume(64, 64, 8);
    EXPECT_THROW(runner.run(image, job), CancelledError);
}

}  // namespace
}  // namespace cadview::test
