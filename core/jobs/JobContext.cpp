#include "jobs/JobContext.h"

namespace cadview {

void JobContext::setStage(JobStage stage, std::size_t total) {
    JobProgress p;
    {
        std::lock_guard lock(mutex_);
        progress_ = {stage, 0, total};
        p = progress_;
    }
    report(p);
}

void JobContext::advance(std::size_t n) {
    JobProgress p;
    {
        std::lock_guard lock(mutex_);
        progress_.done += n;
        p = progress_;
    }
    report(p);
}

JobProgress JobContext::progress() const {
    std::lock_guard lock(mutex_);
    return progress_;
}

void JobContext::report(const JobProgress& p) {
    if (onProgress_) onProgress_(p);
}

}  // namespace cadview
