#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cadview {

// A model's manifest (docs/model-manifest.md): how to feed the TorchScript file beside it and how to
// read its output. Parsed and validated here; no LibTorch involved.
struct ModelManifest {
    enum class Task { Segmentation, Classification };
    enum class InputKind { Slice2D, Slice25D, Patch3D };
    enum class Resample { ToSize, ToSpacing };
    enum class Normalization { Window, ZScore, MinMax, Percentile };
    enum class Activation { Softmax, Sigmoid, None };

    struct Label {
        int value = 0;
        std::string name;
        std::array<std::uint8_t, 3> color{255, 0, 0};
        // Classification: a probability at or above it calls the finding positive (sensitivity and
        // specificity in `cadview-cli evaluate`, the findings panel). Segmentation, when the manifest
        // gives it: a voxel is this label when its probability is at or above it (instead of argmax).
        double threshold = 0.5;
        bool thresholdGiven = false;
    };

    int schema = 1;
    std::string name;
    std::string version;
    Task task = Task::Segmentation;
    std::string description;
    std::vector<std::string> modalities;  // empty: any
    std::string file;                     // absolute path of the TorchScript file

    InputKind inputKind = InputKind::Slice2D;
    std::vector<int> inputSize;        // 2 or 3 values, x first
    std::vector<double> inputSpacing;  // empty or as many values as inputSize
    int channels = 1;
    Resample resample = Resample::ToSize;

    Normalization normalization = Normalization::MinMax;
    double windowCenter = 0, windowWidth = 1;
    double percentileLow = 0.5, percentileHigh = 99.5;

    std::vector<Label> labels;
    Activation activation = Activation::Softmax;
    int logitsOutput = 0;
    std::optional<int> featureMapOutput;
    double overlap = 0.5;
    // Segmentation: keep only the largest 6-connected 3D component of each label (for one lesion or
    // one organ per study); "output": {"keep_largest_component": true}.
    bool keepLargestComponent = false;
    // Segmentation: test-time mirroring along these axes (0 = x, 1 = y, 2 = z): the probabilities are the
    // mean over the input and its mirror images, every combination of the axes (2^n passes);
    // "output": {"mirror": ["x"]}.
    std::vector<int> mirrorAxes;

    std::string directory;  // folder of the manifest

    // Parses `json` (the text of a manifest found at `path`). Throws ManifestError naming the field.
    static ModelManifest parse(const std::string& json, const std::string& path);
    static ModelManifest load(const std::string& path);

    bool acceptsModality(const std::string& modality) const;
    // The model's input tensor shape: (1, C, H, W) or (1, C, D, H, W).
    std::vector<std::int64_t> inputShape() const;
    std::string toJson() const;  // normalised form, as `cadview-cli models --json` prints it
};

class ManifestError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

const char* toString(ModelManifest::Task task);

}  // namespace cadview
