#pragma once

#include <array>

#include <vtkSmartPointer.h>

class vtkLookupTable;

namespace cadview {

// Colours of label values 1..255 in overlays (0 is transparent): a fixed, distinguishable palette so a
// label keeps its colour across views and sessions.
class LabelColors {
  public:
    static std::array<double, 3> color(int label);
    static vtkSmartPointer<vtkLookupTable> lookupTable();
};

}  // namespace cadview
