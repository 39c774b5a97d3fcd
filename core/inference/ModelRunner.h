#pragma once

#include <memory>
#include <mutex>

#include "image/Volume.h"
#include "inference/InferenceBackend.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"
#include "jobs/JobContext.h"

namespace cadview {

// Runs one model on images: pre-processing to the model's grid and intensities, inference (slice by
// slice in batches for 2D and 2.5D models, Gaussian-blended sliding windows for 3D ones and for
// resampling to a spacing), and post-processing back onto the image's own grid, voxel for voxel.
// Probabilities are turned into labels (argmax) while they are mapped back: no full-size per-class
// array is kept.
class ModelRunner {
  public:
    // Loads the model and validates it with a dry run on an input of the manifest's shape, which also
    // warms it up. Throws InferenceError naming the expected and actual shapes when they disagree.
    ModelRunner(ModelManifest manifest, InferenceBackend& backend, JobContext& job);
    ~ModelRunner();

    const ModelManifest& manifest() const { return manifest_; }
    // Throws InferenceError for an image the model is not meant for (modality), CancelledError on cancel.
    // May be called from several threads at once (a batch of images): the model's own calls take turns,
    // pre- and post-processing of the images run side by side.
    InferenceResult run(const Volume& image, JobContext& job);

    // Batch size for 2D models (slices at once).
    void setBatchSize(int batch) { batch_ = batch < 1 ? 1 : batch; }
    // Classifiers: compute heatmaps (Grad-CAM or occlusion) with the probabilities (default on).
    void setHeatmaps(bool on) { heatmaps_ = on; }

  private:
    ModelManifest manifest_;
    std::unique_ptr<LoadedModel> model_;
    std::mutex modelMutex_;  // LoadedModel is not thread-safe
    int outputChannels_ = 0;
    int batch_ = 4;
    bool heatmaps_ = true;
};

}  // namespace cadview
