#include "inference/ProbabilityMap.h"

#include <algorithm>
#include <cmath>

namespace cadview {

ProbabilityMap::ProbabilityMap(const ModelManifest& m, int channels)
    : activation_(m.activation), channels_(channels), hasBackground_(channels == int(m.labels.size()) + 1) {
    for (const auto& l : m.labels) {
        values_.push_back(std::uint8_t(l.value));
        thresholds_.push_back(l.thresholdGiven ? float(l.threshold) : 0.5f);
        thresholded_ = thresholded_ || l.thresholdGiven;
    }
}

void ProbabilityMap::activate(float* data, std::size_t count) const {
    const std::size_t k = std::size_t(channels_);
    if (activation_ == ModelManifest::Activation::Sigmoid) {
        for (std::size_t i = 0; i < k * count; ++i)
            data[i] = 1.0f / (1.0f + std::exp(-data[i]));
    } else if (activation_ == ModelManifest::Activation::Softmax) {
        for (std::size_t v = 0; v < count; ++v) {
            float top = data[v];
            for (std::size_t c = 1; c < k; ++c)
                top = std::max(top, data[c * count + v]);
            float sum = 0;
            for (std::size_t c = 0; c < k; ++c)
                sum += (data[c * count + v] = std::exp(data[c * count + v] - top));
            for (std::size_t c = 0; c < k; ++c)
                data[c * count + v] /= sum;
        }
    }
}

std::uint8_t ProbabilityMap::label(const float* p) const {
    if (thresholded_) {
        const int first = hasBackground_ ? 1 : 0;
        int best = -1;
        for (int c = first; c < channels_; ++c)
            if (p[c] >= thresholds_[std::size_t(c - first)] && (best < 0 || p[c] > p[best])) best = c;
        return best < 0 ? 0 : values_[std::size_t(best - first)];
    }
    if (hasBackground_) {
        int best = 0;
        for (int c = 1; c < channels_; ++c)
            if (p[c] > p[best]) best = c;
        return best == 0 ? 0 : values_[std::size_t(best - 1)];
    }
    // One channel a label (sigmoid style): the most probable label above one half, or background.
    int best = -1;
    for (int c = 0; c < channels_; ++c)
        if (p[c] > 0.5f && (best < 0 || p[c] > p[best])) best = c;
    return best < 0 ? 0 : values_[std::size_t(best)];
}

}  // namespace cadview
