#include "annotation/RoiStatistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "image/SliceCompositor.h"

namespace cadview {

namespace {

// Sums shifted by the first value, so the variance keeps its precision for values far from zero.
class Accumulator {
  public:
    void add(double v) {
        if (n_ == 0) {
            shift_ = min_ = max_ = v;
        }
        const double d = v - shift_;
        sum_ += d;
        sumSquares_ += d * d;
        min_ = std::min(min_, v);
        max_ = std::max(max_, v);
        ++n_;
    }
    RoiStatistics result(const ImageGeometry& g, double pixelArea) const {
        RoiStatistics s;
        s.count = n_;
        s.volumeMl = double(n_) * g.spacing[0] * g.spacing[1] * g.spacing[2] / 1000.0;
        s.areaMm2 = double(n_) * pixelArea;
        if (n_ == 0) {
            s.mean = s.sd = s.min = s.max = std::numeric_limits<double>::quiet_NaN();
            return s;
        }
        const double m = sum_ / double(n_);
        s.mean = shift_ + m;
        s.sd = std::sqrt(std::max(0.0, sumSquares_ / double(n_) - m * m));
        s.min = min_;
        s.max = max_;
        return s;
    }

  private:
    std::size_t n_ = 0;
    double shift_ = 0.0, sum_ = 0.0, sumSquares_ = 0.0, min_ = 0.0, max_ = 0.0;
};

void checkLabels(const Volume& image, const Volume& labels) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("RoiStatistics: label maps are UInt8 with one component");
    if (labels.geometry().size != image.geometry().size)
        throw std::invalid_argument("RoiStatistics: image and label map are on different grids");
}

void checkSlice(const Volume& image, int normalAxis, std::size_t index) {
    if (normalAxis < 0 || normalAxis > 2) throw std::invalid_argument("RoiStatistics: bad normal axis");
    if (index >= image.geometry().size[std::size_t(normalAxis)])
        throw std::invalid_argument("RoiStatistics: slice outside the image");
}

double pixelArea(const ImageGeometry& g, int normalAxis) {
    const auto axes = SliceCompositor::inPlaneAxes(normalAxis);
    return g.spacing[std::size_t(axes[0])] * g.spacing[std::size_t(axes[1])];
}

// Calls f(accumulator, values, components) with the image's typed buffer.
template <typename F>
RoiStatistics collect(const Volume& image, double area, F&& f) {
    Accumulator acc;
    dispatchPixelType(image.pixelType(), [&](auto zero) {
        using T = decltype(zero);
        f(acc, image.as<T>(), std::size_t(image.components()));
    });
    return acc.result(image.geometry(), area);
}

}  // namespace

RoiStatistics RoiStatistics::ofLabel(const Volume& image, const Volume& labels, std::uint8_t label) {
    checkLabels(image, labels);
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    const std::size_t n = labels.voxelCount();
    return collect(image, 0.0, [&](Accumulator& acc, const auto* px, std::size_t comps) {
        for (std::size_t i = 0; i < n; ++i)
            if (lab[i] == label) acc.add(double(px[i * comps]));
    });
}

RoiStatistics RoiStatistics::ofLabelOnSlice(const Volume& image, const Volume& labels, std::uint8_t label,
                                            int normalAxis, std::size_t index) {
    checkLabels(image, labels);
    checkSlice(image, normalAxis, index);
    const auto& s = image.geometry().size;
    const std::uint8_t* lab = labels.as<std::uint8_t>();
    std::array<std::size_t, 3> lo{0, 0, 0}, hi{s[0], s[1], s[2]};
    lo[std::size_t(normalAxis)] = index;
    hi[std::size_t(normalAxis)] = index + 1;
    return collect(image, pixelArea(image.geometry(), normalAxis),
                   [&](Accumulator& acc, const auto* px, std::size_t comps) {
                       for (std::size_t z = lo[2]; z < hi[2]; ++z)
                           for (std::size_t y = lo[1]; y < hi[1]; ++y)
                               for (std::size_t x = lo[0]; x < hi[0]; ++x) {
                                   const std::size_t i = x + (y + z * s[1]) * s[0];
                                   if (lab[i] == label) acc.add(double(px[i * comps]));
                               }
                   });
}

RoiStatistics RoiStatistics::ofPolygon(const Volume& image, int normalAxis, std::size_t index,
                                       const std::vector<PolygonFill::Point>& polygon,
                                       PolygonFill::FillRule fillRule) {
    checkSlice(image, normalAxis, index);
    const auto& s = image.geometry().size;
    const auto axes = SliceCompositor::inPlaneAxes(normalAxis);
    const std::array<std::size_t, 3> stride{1, s[0], s[0] * s[1]};
    const std::size_t su = stride[std::size_t(axes[0])], sv = stride[std::size_t(axes[1])];
    const std::size_t base = index * stride[std::size_t(normalAxis)];
    return collect(image, pixelArea(image.geometry(), normalAxis),
                   [&](Accumulator& acc, const auto* px, std::size_t comps) {
                       PolygonFill::spans(polygon, s[std::size_t(axes[0])], s[std::size_t(axes[1])], fillRule,
                                          [&](std::size_t row, std::size_t first, std::size_t last) {
                                              for (std::size_t u = first; u <= last; ++u)
                                                  acc.add(double(px[(base + row * sv + u * su) * comps]));
                                          });
                   });
}

}  // namespace cadview
