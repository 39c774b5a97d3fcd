#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "jobs/JobContext.h"

namespace cadview::cli {

// `--progress`: job progress as lines on stderr ("cadview-cli: segment: inferring 12/96"), one when a
// stage starts and then at most every half second; nothing when disabled. Thread-safe.
class ProgressPrinter {
  public:
    ProgressPrinter(bool enabled, std::string command) : enabled_(enabled), command_(std::move(command)) {}

    JobContext::ProgressCallback callback();
    // A free-form line ("12/420 images"), under the same throttle unless `force`.
    void print(const std::string& text, bool force = false);
    bool enabled() const { return enabled_; }

    static const char* stageName(JobStage stage);

  private:
    bool enabled_;
    std::string command_;
    std::mutex mutex_;
    int lastStage_ = -1;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace cadview::cli
