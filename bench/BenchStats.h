#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace cadview::bench {

// Repeated measurements of one figure. The machine is shared and noisy, so figures are medians.
class Samples {
  public:
    void add(double value) { values_.push_back(value); }
    std::size_t count() const { return values_.size(); }
    bool empty() const { return values_.empty(); }
    double median() const;
    double min() const;
    double max() const;
    const std::vector<double>& values() const { return values_; }

  private:
    std::vector<double> values_;
};

// Wall-clock time since construction (or the last restart), on the monotonic clock.
class Stopwatch {
  public:
    Stopwatch() : start_(Clock::now()) {}
    void restart() { start_ = Clock::now(); }
    double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
    using Clock = std::chrono::steady_clock;
    Clock::time_point start() const { return start_; }

  private:
    Clock::time_point start_;
};

// "1234 ms", "300.0 MiB", "2.15x": the units every benchmark prints.
std::string formatMs(double seconds);
std::string formatMiB(double bytes);
std::string formatRatio(double ratio);
// "median 1234 ms (min 1200, max 1300)"
std::string describeMs(const Samples& seconds);

}  // namespace cadview::bench
