#pragma once

#include <string>

#include "image/ImageGeometry.h"

namespace cadview {

enum class SliceOrientation { Axial, Coronal, Sagittal };

// How a volume's index axes are laid on screen for one slice view, in radiological convention:
// axial and coronal show the patient's left on the screen's right; axial has anterior up, coronal and
// sagittal superior up; sagittal has anterior on the left. Oblique volumes use the index axis nearest
// to each patient axis (no reslicing, so voxels stay exact), and the letters say where screen edges
// really point.
struct SliceAxes {
    int normalAxis = 2;          // index axis the view slices through
    int rightAxis = 0;           // index axis running horizontally
    int upAxis = 1;              // index axis running vertically
    int rightSign = 1;           // +1: screen right follows increasing index along rightAxis
    int upSign = -1;             // +1: screen up follows increasing index along upAxis
    Vec3 rightPatient{1, 0, 0};  // patient direction of screen right (unit, LPS)
    Vec3 upPatient{0, -1, 0};    // patient direction of screen up

    static SliceAxes compute(const ImageGeometry& geometry, SliceOrientation orientation);
    // Orientation label of a patient direction: the dominant letter(s), e.g. "L", "A", "LA" when oblique.
    static std::string letters(const Vec3& patientDirection);
};

}  // namespace cadview
