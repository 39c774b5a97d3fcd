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
void blendLabels(const Volume& labels, const SliceLayout& l, const SliceCompositor::Request& r,
                 std::uint8_t* out) {
    const T* src = labels.as<T>() + l.offset;
    const int alpha = int(std::lround(std::clamp(r.labelOpacity, 0.0, 1.0) * 256));
    for (std::size_t y = 0; y < l.height; ++y) {
        const T* row = src + y * l.rowStride;
        std::uint8_t* o = out + y * l.width * 4;
        for (std::size_t x = 0; x < l.width; ++x, o += 4) {
            const T label = row[x * l.columnStride];
            if (label == T(0)) continue;
            const auto& colour = (*r.labelColors)[std::size_t(long(label)) & 0xff];
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
    if (r.labels && r.labelColors && r.labels->geometry().size == volume.geometry().size &&
        r.labels->components() == 1 && r.labelOpacity > 0) {
        const SliceLayout ll = layoutOf(*r.labels, r.normalAxis, r.index);
        dispatchPixelType(r.labels->pixelType(), [&](auto t) {
            if constexpr (std::is_integral_v<decltype(t)>)
                blendLabels<decltype(t)>(*r.labels, ll, r, rgba.data());
        });
    }
}

}  // namespace cadview
