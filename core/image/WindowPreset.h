#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// A display window in the volume's units (HU for CT): values from center - width/2 to center + width/2
// span black to white.
struct WindowLevel {
    double center = 0;
    double width = 1;
};

// The standard CT windows radiologists use (Radiopaedia's figures). `id` is stable (settings, CLI);
// front ends translate the display name.
struct WindowPreset {
    std::string_view id;
    WindowLevel window;

    static const std::vector<WindowPreset>& ctPresets();
    static std::optional<WindowPreset> find(std::string_view id);
    // The window a volume opens with: the file's own window when it has one, soft tissue for CT
    // otherwise, and the 0.5th to 99.5th percentile for everything else (MR, X-ray, photos).
    static WindowLevel initialFor(const Volume& volume);
    // The 0.5th-99.5th percentile window.
    static WindowLevel automatic(const Volume& volume);
};

}  // namespace cadview
