#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "Commands.h"
#include "ModelLoader.h"
#include "ProgressPrinter.h"
#include "evaluation/EvaluationDataset.h"
#include "inference/TorchPlugin.h"
#include "io/AtomicFile.h"
#include "training/FineTuner.h"
#include "training/TrainingSet.h"

namespace cadview::cli {

namespace {

namespace fs = std::filesystem;

std::string figure(double v) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

// A model name becomes a folder name: letters, digits, '-', '_' and '.' only.
bool validName(const std::string& name) {
    if (name.empty() || name == "." || name == "..") return false;
    for (unsigned char c : name)
        if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

}  // namespace

int runTrain(const TrainOptions& o) {
    if (!validName(o.name)) {
        std::cerr << "cadview-cli: --name " << o.name << ": use letters, digits, '-', '_' and '.' only\n";
        return 1;
    }
    const fs::path folder = fs::path(o.output) / o.name;
    std::error_code ec;
    if (fs::exists(folder / "model.pt", ec)) {
        std::cerr << "cadview-cli: " << folder.string() << " already holds a model; choose another --name or "
                  << "--output\n";
        return 1;
    }
    ProgressPrinter progress(o.progress, "train");
    JobContext job(progress.callback());
    // Validates the model (dry run) and sets LibTorch's threads before any training.
    const ModelManifest base =
        ModelLoader::load(o.model, o.modelDirs, o.threads, std::nullopt, job)->manifest();
    std::vector<EvaluationCase> cases;
    FineTuneOptions options;
    try {
        TrainingSet::requireTrainable(base);
        cases = base.task == ModelManifest::Task::Segmentation ? EvaluationDataset::segmentation(o.data)
                                                               : EvaluationDataset::classification(o.data);
        if (!o.cases.empty())
            cases = EvaluationDataset::select(cases, EvaluationDataset::readCaseList(o.cases, o.subset));
        if (!o.validation.empty())
            options.validationCases = EvaluationDataset::readCaseList(o.validation, o.validationSubset);
    } catch (const DatasetError& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }
    options.epochs = o.epochs;
    options.batch = o.batch;
    options.learningRate = o.learningRate;
    options.validationFraction = o.validationFraction;
    options.patience = o.patience;
    options.ignore = o.ignore;

    if (!fs::is_directory(folder, ec) && !fs::create_directories(folder, ec)) {
        std::cerr << "cadview-cli: " << folder.string() << ": cannot create the folder (" << ec.message()
                  << ")\n";
        return 1;
    }
    const std::string metric = base.task == ModelManifest::Task::Segmentation ? "Dice" : "ROC AUC";
    FineTuneReport report;
    try {
        report = FineTuner::run(
            base, TorchPlugin::backend(), cases, options, (folder / "model.pt").string(), job,
            [&](const EpochReport& r) {
                std::cout << "epoch " << r.epoch << ": "
                          << (r.epoch == 0 ? std::string("before fine-tuning") : "loss " + figure(r.loss))
                          << ", validation " << metric << " " << figure(r.validation) << std::endl;
            });
    } catch (const DatasetError& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }

    nlohmann::json manifest = nlohmann::json::parse(base.toJson());
    manifest["name"] = o.name;
    manifest["version"] = "1.0.0";
    manifest["file"] = "model.pt";
    manifest["description"] = "Fine-tuned from " + base.name + " " + base.version + " on " +
                              fs::path(o.data).filename().string() + " (" + std::to_string(cases.size()) +
                              " cases). " + base.description;
    AtomicFile::write((folder / "manifest.json").string(), manifest.dump(2) + "\n");
    nlohmann::json epochs = nlohmann::json::array();
    for (const auto& r : report.epochs)
        epochs.push_back(
            {{"epoch", r.epoch},
             {"loss", std::isnan(r.loss) ? nlohmann::json() : nlohmann::json(r.loss)},
             {"validation", std::isnan(r.validation) ? nlohmann::json() : nlohmann::json(r.validation)}});
    const nlohmann::json training{{"base_model", base.name},
                                  {"base_version", base.version},
                                  {"data", o.data},
                                  {"metric", metric},
                                  {"epochs", epochs},
                                  {"best_epoch", report.bestEpoch},
                                  {"stopped_early", report.stoppedEarly},
                                  {"learning_rate", o.learningRate},
                                  {"batch", o.batch},
                                  {"training_cases", report.trainingCases},
                                  {"validation_cases", report.validationCases}};
    AtomicFile::write((folder / "training.json").string(), training.dump(2) + "\n");
    std::cout << "saved " << o.name << " to " << folder.string() << ": best epoch " << report.bestEpoch
              << ", validation " << metric << " " << figure(report.bestValidation) << " (before fine-tuning "
              << figure(report.epochs.front().validation) << "); " << report.trainingCases.size()
              << " training, " << report.validationCases.size() << " validation cases\n";
    return 0;
}

}  // namespace cadview::cli
