#include "evaluation/RocAnalysis.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cadview {

namespace {

// Of the sorted `others`, how many are below x, plus half of those equal to x, divided by their count:
// the placement value of x among them.
double placement(double x, const std::vector<double>& others) {
    const auto lo = std::lower_bound(others.begin(), others.end(), x);
    const auto hi = std::upper_bound(lo, others.end(), x);
    return (double(lo - others.begin()) + 0.5 * double(hi - lo)) / double(others.size());
}

double sampleVariance(const std::vector<double>& v) {
    if (v.size() < 2) return 0;
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    double ss = 0;
    for (double x : v)
        ss += (x - mean) * (x - mean);
    return ss / double(v.size() - 1);
}

}  // namespace

RocAnalysis::RocAnalysis(std::vector<double> scores, std::vector<bool> positive) {
    for (std::size_t i = 0; i < scores.size() && i < positive.size(); ++i)
        (positive[i] ? positives_ : negatives_).push_back(scores[i]);
    std::sort(positives_.begin(), positives_.end());
    std::sort(negatives_.begin(), negatives_.end());
}

ConfidenceInterval RocAnalysis::auc() const {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (positives_.empty() || negatives_.empty()) return {nan, nan, nan};
    // DeLong's structural components: each positive's placement among the negatives (V10) and each
    // negative's among the positives, counted from above (V01).
    std::vector<double> v10, v01;
    for (double x : positives_)
        v10.push_back(placement(x, negatives_));
    for (double y : negatives_)
        v01.push_back(1.0 - placement(y, positives_));
    double auc = 0;
    for (double v : v10)
        auc += v;
    auc /= double(v10.size());
    const double var = sampleVariance(v10) / double(v10.size()) + sampleVariance(v01) / double(v01.size());
    const double half = 1.959963984540054 * std::sqrt(var);
    return {auc, std::max(0.0, auc - half), std::min(1.0, auc + half)};
}

ConfidenceInterval RocAnalysis::sensitivity(double threshold) const {
    const auto below = std::lower_bound(positives_.begin(), positives_.end(), threshold);
    return ConfidenceInterval::wilson(std::size_t(positives_.end() - below), positives_.size());
}

ConfidenceInterval RocAnalysis::specificity(double threshold) const {
    const auto below = std::lower_bound(negatives_.begin(), negatives_.end(), threshold);
    return ConfidenceInterval::wilson(std::size_t(below - negatives_.begin()), negatives_.size());
}

}  // namespace cadview
