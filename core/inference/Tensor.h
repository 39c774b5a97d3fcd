#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace cadview {

// A dense float32 tensor in row-major (C) order, as models take and give them: (N, C, H, W) or
// (N, C, D, H, W). Core's own type, so nothing outside core/inference sees LibTorch.
struct Tensor {
    std::vector<std::int64_t> shape;
    std::vector<float> data;

    Tensor() = default;
    explicit Tensor(std::vector<std::int64_t> s, float fill = 0.0f)
        : shape(std::move(s)), data(elementCount(shape), fill) {}

    static std::size_t elementCount(const std::vector<std::int64_t>& s) {
        return std::accumulate(s.begin(), s.end(), std::size_t(1),
                               [](std::size_t a, std::int64_t b) { return a * std::size_t(b); });
    }
    std::size_t size() const { return data.size(); }
    int rank() const { return int(shape.size()); }
};

}  // namespace cadview
