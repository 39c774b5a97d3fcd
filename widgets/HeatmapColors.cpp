#include "HeatmapColors.h"

#include "image/HeatmapPalette.h"

#include <algorithm>
#include <cmath>

namespace cadview {

const std::array<std::array<std::uint8_t, 3>, 256>& HeatmapColors::table() {
    return HeatmapPalette::jet();
}

QImage HeatmapColors::bar(int width, int height) {
    QImage img(std::max(1, width), std::max(1, height), QImage::Format_RGB32);
    const auto& t = table();
    for (int y = 0; y < img.height(); ++y) {
        const auto& c =
            t[std::size_t(std::lround(255.0 * (1.0 - double(y) / std::max(1, img.height() - 1))))];
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, qRgb(c[0], c[1], c[2]));
    }
    return img;
}

}  // namespace cadview
