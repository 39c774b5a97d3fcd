#include "evaluation/ConfidenceInterval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace cadview {

namespace {
constexpr double kZ = 1.959963984540054;  // the 97.5th percentile of the standard normal
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

ConfidenceInterval ConfidenceInterval::wilson(std::size_t k, std::size_t n) {
    if (n == 0) return {kNaN, kNaN, kNaN};
    const double nn = double(n), p = double(k) / nn, z2 = kZ * kZ;
    const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
    const double half = kZ * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
    return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

ConfidenceInterval ConfidenceInterval::bootstrapMean(const std::vector<double>& values, int resamples,
                                                     std::uint64_t seed) {
    if (values.empty()) return {kNaN, kNaN, kNaN};
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    if (values.size() == 1 || resamples < 2) return {mean, mean, mean};
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
    std::vector<double> means(std::size_t(resamples), 0.0);
    for (double& m : means) {
        double sum = 0;
        for (std::size_t i = 0; i < values.size(); ++i)
            sum += values[pick(rng)];
        m = sum / double(values.size());
    }
    std::sort(means.begin(), means.end());
    const auto at = [&](double q) {
        const double rank = q * double(means.size() - 1);
        const std::size_t lo = std::size_t(std::floor(rank)), hi = std::min(means.size() - 1, lo + 1);
        return means[lo] + (means[hi] - means[lo]) * (rank - double(lo));
    };
    return {mean, at(0.025), at(0.975)};
}

}  // namespace cadview
