#pragma once

#include "image/Volume.h"
#include "inference/InferenceBackend.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"
#include "jobs/JobContext.h"

namespace cadview {

// Classification of a 2D image (a radiograph, or the middle slice of a volume) with a validated model:
// one probability per label and one heatmap per label on the image's grid. Grad-CAM when the manifest
// names a feature map; otherwise occlusion saliency (how much each label's probability drops when a
// patch of the image is blanked), which needs nothing from the model but its output.
class ClassificationInference {
  public:
    // `heatmaps`: false leaves result.heatmaps empty (probabilities only, one forward pass).
    static void run(const ModelManifest& manifest, LoadedModel& model, int batch, bool heatmaps,
                    const Volume& image, InferenceResult& result, JobContext& job);
};

}  // namespace cadview
