#pragma once

#include "image/Volume.h"
#include "image/WindowPreset.h"

namespace cadview {

// A heatmap drawn over its image as a picture (what `cadview-cli classify --heatmaps` writes as PNG): the
// image's slice in grey through its display window, the heatmap coloured with HeatmapPalette::jet() at
// constant opacity on top, transparent below a threshold. The same blending as the viewer's heatmap layer
// (SliceCompositor).
class HeatmapOverlay {
  public:
    struct Options {
        double threshold = 0.2;  // heat below this is not drawn
        double opacity = 0.5;
    };

    // `heatmap`: Float32 in [0, 1], either on the image's grid or one slice of it (size[2] == 1), which is
    // then drawn over the slice at `slice`. `window`: the image's display window. Returns a 2D RGB UInt8
    // volume with the slice's geometry.
    static Volume render(const Volume& image, const Volume& heatmap, std::size_t slice,
                         const WindowLevel& window, const Options& options);
    static Volume render(const Volume& image, const Volume& heatmap, std::size_t slice,
                         const WindowLevel& window) {
        return render(image, heatmap, slice, window, Options{});
    }
};

}  // namespace cadview
