#include "LabelColors.h"

#include <cmath>

#include <vtkLookupTable.h>

namespace cadview {

std::array<double, 3> LabelColors::color(int label) {
    static const std::array<std::array<double, 3>, 10> base{{{0.90, 0.10, 0.10},
                                                             {0.10, 0.75, 0.20},
                                                             {0.15, 0.40, 0.95},
                                                             {0.95, 0.80, 0.10},
                                                             {0.80, 0.20, 0.85},
                                                             {0.10, 0.85, 0.85},
                                                             {0.95, 0.50, 0.10},
                                                             {0.55, 0.85, 0.30},
                                                             {0.60, 0.40, 0.25},
                                                             {0.95, 0.55, 0.70}}};
    if (label <= 0) return {0, 0, 0};
    const auto& c = base[std::size_t(label - 1) % base.size()];
    // Later cycles are a little darker so labels 1 and 11 stay apart, but never dark enough to vanish
    // on a dark image (binary masks often use 255).
    const double f = std::pow(0.8, double(((label - 1) / int(base.size())) % 3));
    return {c[0] * f, c[1] * f, c[2] * f};
}

vtkSmartPointer<vtkLookupTable> LabelColors::lookupTable() {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    lut->SetNumberOfTableValues(256);
    lut->SetTableRange(0, 255);
    for (int v = 0; v < 256; ++v) {
        const auto c = color(v);
        lut->SetTableValue(v, c[0], c[1], c[2], v == 0 ? 0.0 : 1.0);
    }
    lut->Build();
    return lut;
}

}  // namespace cadview
