#include "image/HeatmapOverlay.h"

#include <vector>

#include "image/HeatmapPalette.h"
#include "image/SliceCompositor.h"

namespace cadview {

Volume HeatmapOverlay::render(const Volume& image, const Volume& heatmap, std::size_t slice,
                              const WindowLevel& window, const Options& options) {
    SliceCompositor::Request request;
    request.normalAxis = 2;
    request.index = slice;
    request.window = window;
    request.heatmap.heatmap = &heatmap;
    request.heatmap.slice = slice;
    request.heatmap.threshold = options.threshold;
    request.heatmap.opacity = options.opacity;
    request.heatmap.colors = &HeatmapPalette::jet();
    std::vector<std::uint8_t> rgba;
    SliceCompositor::compose(image, request, rgba);

    ImageGeometry g = image.geometry();
    g.origin = g.indexToPhysical({0, 0, double(slice)});
    g.size[2] = 1;
    Volume out(g, PixelType::UInt8, 3);
    std::uint8_t* rgb = out.as<std::uint8_t>();
    const std::size_t n = g.size[0] * g.size[1];
    for (std::size_t i = 0; i < n; ++i) {
        rgb[3 * i] = rgba[4 * i];
        rgb[3 * i + 1] = rgba[4 * i + 1];
        rgb[3 * i + 2] = rgba[4 * i + 2];
    }
    out.info() = image.info();
    return out;
}

}  // namespace cadview
