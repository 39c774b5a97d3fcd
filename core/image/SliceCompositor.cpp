#include "image/SliceCompositor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace cadview {

namespace {

std::uint8_t grey(double v, const WindowLevel& w) {
    const double lo = w.center - w.width / 2;
    const double t = (v - lo) / w.width * 255.0;
    return std::uint8_t(std::clamp(t + 0.5, 0.0, 255.0));
}

// Strides (in elements) to step along the slice's columns and rows, and the offset of its first voxel.
struct SliceLayout {
    std::size_t width, height, columnStride, rowStride, offset;
};

SliceLayout layoutOf(const Volume& v, int normalAxis, std::size_t index) {
    const auto& s = v.geometry().size;
    const std::size_t stride[3] = {1, s[0], s[0] * s[1]};
    const auto axes = SliceCompositor::inPlaneAxes(normalAxis);
    const std::size_t c = std::size_t(v.components());
    return {s[std::size_t(axes[0])], s[std::size_t(axes[1])], stride[axes[0]] * c, stride[axes[1]] * c,
            std::min(index, s[std::size_t(normalAxis)] - 1) * stride[normalAxis] * c};
}

template <typename T>
void mapGrey(const Volume& v, const SliceLayout& l, const WindowLevel& w, std::uint8_t* out) {
    const T* src = v.as<T>() + l.offset;
    if constexpr (std::is_integral_v<T> && sizeof(T) <= 2) {
        // A table over every possible value: one lookup a voxel.
        constexpr long lo = long(std::numeric_limits<T>::lowest());
        constexpr long n = long(std::numeric_limits<T>::max()) - lo + 1;
        thread_local std::vector<std::uint8_t> table;
        table.resize(std::size_t(n));
        for (long i = 0; i < n; ++i)
            table[std::size_t(i)] = grey(double(i + lo), w);
        for (std::size_t y = 0; y < l.height; ++y) {
            const T* row = src + y * l.rowStride;
            std::uint8_t* o = out + y * l.width * 4;
            for (std::size_t x = 0; x < l.width; ++x, o += 4) {
                const std::uint8_t g = table[std::size_t(long(row[x * l.columnStride]) - lo)];
                o[0] = o[1] = o[2] = g;
                o[3] = 255;
            }
        }
    } else {
        for (std::size_t y = 0; y < l.height; ++y) {
            const T* row = src + y * l.rowStride;
            std::uint8_t* o = out + y * l.width * 4;
            for (std::size_t x = 0; x < l.width; ++x, o += 4) {
                const std::uint8_t g = grey(double(row[x * l.columnStride]), w);
                o[0] = o[1] = o[2] = g;
                o[3] = 255;
            }
        }
    }
}

template <typename T>
void mapColour(const Volume& v, const SliceLayout& l, const WindowLevel& w, std::uint8_t* out) {
    const T* src = v.as<T>() + l.offset;
    for (std::size_t y = 0; y < l.height; ++y) {
        const T* row = src + y * l.rowStride;
        std::uint8_t* o = out + y * l.width * 4;
        for (std::size_t x = 0; x < l.width; ++x, o += 4) {
            const T* p = row + x * l.columnStride;
            for (int c = 0; c < 3; ++c)
                o[c] = grey(double(p[c]), w);
            o[3] = 255;
        }
    }
}

template <typename T>
void blendLabels(const Volume& labels, const SliceLayout& l, const SliceCompositor::LabelLayer& layer,
                 std::uint8_t* out) {
    const T* src = labels.as<T>() + l.offset;
    const int alpha = int(std::lround(std::clamp(layer.opacity, 0.0, 1.0) * 256));
    auto at = [&](std::size_t x, std::size_t y) { return src[y * l.rowStride + x * l.columnStride]; };
    for (std::size_t y = 0; y < l.height; ++y) {
        std::uint8_t* o = out + y * l.width * 4;
        for (std::size_t x = 0; x < l.width; ++x, o += 4) {
            const T label = at(x, y);
            if (label == T(0)) continue;
            const std::size_t v = std::size_t(long(label)) & 0xff;
            if (layer.visible && !(*layer.visible)[v]) continue;
            if (layer.outline) {
                const bool border = x == 0 || y == 0 || x + 1 == l.width || y + 1 == l.height ||
                                    at(x - 1, y) != label || at(x + 1, y) != label || at(x, y - 1) != label ||
                                    at(x, y + 1) != label;
                if (!border) continue;
            }
            const auto& colour = (*layer.colors)[v];
            for (int c = 0; c < 3; ++c)
                o[c] = std::uint8_t((o[c] * (256 - alpha) + colour[std::size_t(c)] * alpha) >> 8);
        }
    }
}

void blendHeatmap(const Volume& heat, const SliceLayout& l, const SliceCompositor::HeatmapLayer& layer,
                  std::uint8_t* out) {
    const float* src = heat.as<float>() + l.offset;
    const int alpha = int(std::lround(std::clamp(layer.opacity, 0.0, 1.0) * 256));
    for (std::size_t y = 0; y < l.height; ++y) {
        std::uint8_t* o = out + y * l.width * 4;
        for (std::size_t x = 0; x < l.width; ++x, o += 4) {
            const float v = src[y * l.rowStride + x * l.columnStride];
            if (!(v >= float(layer.threshold)) || v <= 0.0f) continue;
            const auto& colour = (*layer.colors)[std::size_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f)];
            for (int c = 0; c < 3; ++c)
                o[c] = std::uint8_t((o[c] * (256 - alpha) + colour[std::size_t(c)] * alpha) >> 8);
        }
    }
}

}  // namespace

std::array<int, 2> SliceCompositor::inPlaneAxes(int normalAxis) {
    switch (normalAxis) {
        case 0:
            return {1, 2};
        case 1:
            return {0, 2};
        default:
            break;
    }
    return {0, 1};
}

void SliceCompositor::compose(const Volume& volume, const Request& r, std::vector<std::uint8_t>& rgba) {
    const SliceLayout l = layoutOf(volume, r.normalAxis, r.index);
    rgba.resize(l.width * l.height * 4);
    if (volume.components() == 3)
        dispatchPixelType(volume.pixelType(),
                          [&](auto t) { mapColour<decltype(t)>(volume, l, r.window, rgba.data()); });
    else
        dispatchPixelType(volume.pixelType(),
                          [&](auto t) { mapGrey<decltype(t)>(volume, l, r.window, rgba.data()); });
    const HeatmapLayer& h = r.heatmap;
    if (h.heatmap && h.colors && h.heatmap->pixelType() == PixelType::Float32 &&
        h.heatmap->components() == 1 && h.opacity > 0) {
        const auto& hs = h.heatmap->geometry().size;
        const auto& vs = volume.geometry().size;
        if (hs == vs) {
            blendHeatmap(*h.heatmap, layoutOf(*h.heatmap, r.normalAxis, r.index), h, rgba.data());
        } else if (hs[0] == vs[0] && hs[1] == vs[1] && hs[2] == 1 && r.normalAxis == 2 &&
                   r.index == h.slice) {
            blendHeatmap(*h.heatmap, layoutOf(*h.heatmap, 2, 0), h, rgba.data());
        }
    }
    for (const LabelLayer& layer : r.labelLayers) {
        if (!layer.labels || !layer.colors || layer.labels->geometry().size != volume.geometry().size ||
            layer.labels->components() != 1 || layer.opacity <= 0)
            continue;
        const SliceLayout ll = layoutOf(*layer.labels, r.normalAxis, r.index);
        dispatchPixelType(layer.labels->pixelType(), [&](auto t) {
            if constexpr (std::is_integral_v<decltype(t)>)
                blendLabels<decltype(t)>(*layer.labels, ll, layer, rgba.data());
        });
    }
}

}  // namespace cadview
