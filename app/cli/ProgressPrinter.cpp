#include "ProgressPrinter.h"

#include <iostream>

namespace cadview::cli {

const char* ProgressPrinter::stageName(JobStage stage) {
    switch (stage) {
        case JobStage::Starting:
            return "starting";
        case JobStage::Indexing:
            return "indexing";
        case JobStage::ReadingHeaders:
            return "reading headers";
        case JobStage::Decoding:
            return "decoding";
        case JobStage::Resampling:
            return "resampling";
        case JobStage::Writing:
            return "writing";
        case JobStage::Finishing:
            return "finishing";
        case JobStage::LoadingModel:
            return "loading model";
        case JobStage::Preprocessing:
            return "pre-processing";
        case JobStage::Inferring:
            return "inferring";
        case JobStage::Postprocessing:
            return "post-processing";
        case JobStage::Training:
            return "training";
    }
    return "working";
}

JobContext::ProgressCallback ProgressPrinter::callback() {
    if (!enabled_) return {};
    return [this](const JobProgress& p) {
        std::lock_guard lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        const bool newStage = int(p.stage) != lastStage_;
        if (!newStage && p.done != p.total && now - last_ < std::chrono::milliseconds(500)) return;
        lastStage_ = int(p.stage);
        last_ = now;
        std::cerr << "cadview-cli: " << command_ << ": " << stageName(p.stage);
        if (p.total > 0) std::cerr << " " << p.done << "/" << p.total;
        std::cerr << "\n";
    };
}

void ProgressPrinter::print(const std::string& text, bool force) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    std::cerr << "cadview-cli: " << command_ << ": " << text << "\n";
}

}  // namespace cadview::cli
