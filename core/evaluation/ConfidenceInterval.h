#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cadview {

// A 95% confidence interval around an estimate.
struct ConfidenceInterval {
    double estimate = 0;
    double low = 0;
    double high = 0;

    // A proportion k / n with Wilson's score interval (good also near 0 and 1 and for small n).
    // NaNs for n = 0.
    static ConfidenceInterval wilson(std::size_t k, std::size_t n);

    // The mean of `values` with a percentile bootstrap interval (`resamples` resamples with a fixed seed,
    // so the same values always give the same interval). NaNs for no values; a single value gives a
    // zero-width interval.
    static ConfidenceInterval bootstrapMean(const std::vector<double>& values, int resamples = 2000,
                                            std::uint64_t seed = 2026);
};

}  // namespace cadview
