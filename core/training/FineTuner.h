#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evaluation/EvaluationDataset.h"
#include "inference/InferenceBackend.h"
#include "inference/ModelManifest.h"
#include "jobs/JobContext.h"

namespace cadview {

struct FineTuneOptions {
    int epochs = 20;
    int batch = 16;
    double learningRate = 1e-4;
    double validationFraction = 0.2;           // of the cases, when validationCases is empty
    std::vector<std::string> validationCases;  // names (EvaluationDataset::select) kept for validation
    int patience = 5;                          // epochs without a better validation figure before stopping
    std::uint64_t seed = 2026;
    std::optional<int> ignore;  // mask value left out of the loss
};

struct EpochReport {
    int epoch = 0;          // 0: the model before any training
    double loss = 0;        // mean training loss (NaN for epoch 0)
    double validation = 0;  // mean ROC AUC (classifiers) or mean Dice on the model's grid (segmenters)
};

struct FineTuneReport {
    std::string metric;  // "ROC AUC" or "Dice"
    std::vector<EpochReport> epochs;
    int bestEpoch = 0;
    double bestValidation = 0;
    bool stoppedEarly = false;
    std::vector<std::string> trainingCases, validationCases;
};

// Fine-tunes a 2D model (TrainingSet) on a dataset: the cases are split into training and validation
// (stratified by class for classifiers, seeded), every epoch runs AdamW over the shuffled training cases in
// batches, the validation figure is computed after each epoch, and the weights of the best epoch (epoch 0,
// the model as it came, included) are written to `outputFile`. Stops early after `patience` epochs without
// progress, or on cancel (CancelledError) without writing anything.
class FineTuner {
  public:
    static FineTuneReport run(const ModelManifest& base, InferenceBackend& backend,
                              const std::vector<EvaluationCase>& cases, const FineTuneOptions& options,
                              const std::string& outputFile, JobContext& job,
                              const std::function<void(const EpochReport&)>& onEpoch = {});
};

}  // namespace cadview
