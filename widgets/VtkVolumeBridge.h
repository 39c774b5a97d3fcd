#pragma once

#include <memory>

#include <vtkSmartPointer.h>

#include "image/Volume.h"

class vtkImageData;

namespace cadview {

// Shows a core Volume to VTK without copying: the vtkImageData's scalars point into the volume's
// buffer and keep it alive until VTK releases the array. The image is in "grid space" (origin 0,
// the volume's spacing, no direction); views place it in patient space themselves.
class VtkVolumeBridge {
  public:
    static vtkSmartPointer<vtkImageData> wrap(const std::shared_ptr<const Volume>& volume);
};

}  // namespace cadview
