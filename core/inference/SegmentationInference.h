#pragma once

#include <memory>

#include "image/Volume.h"
#include "inference/InferenceBackend.h"
#include "inference/ModelManifest.h"
#include "jobs/JobContext.h"

namespace cadview {

// Segmentation with a validated model (see ModelRunner): returns the label map on the image's grid.
class SegmentationInference {
  public:
    // `channels`: the model's output channels (checked by the dry run).
    static std::shared_ptr<Volume> run(const ModelManifest& manifest, LoadedModel& model, int channels,
                                       int batch, const Volume& image, JobContext& job);

  private:
    static void slices(const ModelManifest& m, LoadedModel& model, int channels, int batch,
                       const Volume& image, Volume& labels, JobContext& job);
    static void patches(const ModelManifest& m, LoadedModel& model, int channels, int batch,
                        const Volume& image, Volume& labels, JobContext& job);
};

}  // namespace cadview
