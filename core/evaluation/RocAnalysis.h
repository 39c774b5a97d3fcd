#pragma once

#include <cstddef>
#include <vector>

#include "evaluation/ConfidenceInterval.h"

namespace cadview {

// Binary classification figures from scores and truths: the area under the ROC curve with DeLong's 95%
// interval, and sensitivity and specificity at a threshold (score >= threshold is called positive) with
// Wilson intervals.
class RocAnalysis {
  public:
    RocAnalysis(std::vector<double> scores, std::vector<bool> positive);

    std::size_t positives() const { return positives_.size(); }
    std::size_t negatives() const { return negatives_.size(); }

    // AUC = P(score of a positive > score of a negative) + P(equal) / 2 (the Mann-Whitney statistic).
    // The interval is AUC +- 1.96 sqrt(var) with DeLong, DeLong and Clarke-Pearson's (1988) variance,
    // clipped to [0, 1]. NaNs without positives or without negatives.
    ConfidenceInterval auc() const;
    ConfidenceInterval sensitivity(double threshold) const;
    ConfidenceInterval specificity(double threshold) const;

  private:
    std::vector<double> positives_;  // sorted scores of the positive cases
    std::vector<double> negatives_;  // sorted scores of the negative cases
};

}  // namespace cadview
