#pragma once

#include <memory>
#include <string>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// What a model found in an image, in the image's own geometry.
struct InferenceResult {
    std::string modelName;
    std::string modelVersion;
    // Segmentation: label values from the manifest (0 = background), UInt8, voxel for voxel on the image.
    std::shared_ptr<const Volume> labels;
    // Classification: one probability per manifest label, and one heatmap per label (Float32 in [0, 1],
    // on the image's grid; Grad-CAM, or occlusion saliency for models without a feature map).
    std::vector<double> probabilities;
    std::vector<std::shared_ptr<const Volume>> heatmaps;
    bool heatmapsAreGradCam = false;
    double seconds = 0;
};

}  // namespace cadview
