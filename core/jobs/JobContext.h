#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stdexcept>

namespace cadview {

// What a job is doing now; front ends word it (the GUI with tr()).
enum class JobStage {
    Starting,
    Indexing,
    ReadingHeaders,
    Decoding,
    Resampling,
    Writing,
    Finishing,
    LoadingModel,
    Preprocessing,
    Inferring,
    Postprocessing,
    Training,
};

struct JobProgress {
    JobStage stage = JobStage::Starting;
    std::size_t done = 0;
    std::size_t total = 0;
};

// Thrown inside a job when cancellation was requested; the runner reports it as "cancelled", not an error.
class CancelledError : public std::runtime_error {
  public:
    CancelledError() : std::runtime_error("cancelled") {}
};

// Handed to every core job: reports progress and carries the cancel request. Thread-safe; a job may
// report from several worker threads at once.
class JobContext {
  public:
    using ProgressCallback = std::function<void(const JobProgress&)>;

    JobContext() = default;
    explicit JobContext(ProgressCallback onProgress) : onProgress_(std::move(onProgress)) {}

    // Set before the job starts; the callback runs on whichever thread reports.
    void setProgressCallback(ProgressCallback onProgress) { onProgress_ = std::move(onProgress); }

    void setStage(JobStage stage, std::size_t total);
    void advance(std::size_t n = 1);

    void requestCancel() { cancelled_.store(true, std::memory_order_relaxed); }
    // Cancels every job of the process, running or still to come: for a process being stopped (the CLI's
    // SIGINT, SIGTERM and --timeout).
    static void requestCancelAll() { allCancelled().store(true, std::memory_order_relaxed); }
    bool cancelled() const {
        return cancelled_.load(std::memory_order_relaxed) || allCancelled().load(std::memory_order_relaxed);
    }
    void throwIfCancelled() const {
        if (cancelled()) throw CancelledError();
    }

    JobProgress progress() const;

  private:
    void report(const JobProgress& p);
    static std::atomic<bool>& allCancelled() {
        static std::atomic<bool> all{false};
        return all;
    }

    ProgressCallback onProgress_;
    std::atomic<bool> cancelled_{false};
    mutable std::mutex mutex_;
    JobProgress progress_;
};

}  // namespace cadview
