#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>

#include "Commands.h"
#include "CsvText.h"
#include "ModelLoader.h"
#include "ProgressPrinter.h"
#include "evaluation/ConfidenceInterval.h"
#include "evaluation/EvaluationDataset.h"
#include "evaluation/LabelMask.h"
#include "evaluation/Overlap.h"
#include "evaluation/RocAnalysis.h"
#include "evaluation/SurfaceDistance.h"
#include "io/AtomicFile.h"
#include "io/VolumeLoader.h"
#include "jobs/ParallelFor.h"

namespace cadview::cli {

namespace {

std::string figure(double v, int digits = 4) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string interval(const ConfidenceInterval& c, int digits = 4) {
    return figure(c.estimate, digits) + " (95% CI " + figure(c.low, digits) + "-" + figure(c.high, digits) +
           ")";
}

std::vector<EvaluationCase> chooseCases(const EvaluateOptions& o, bool segmentation) {
    auto cases =
        segmentation ? EvaluationDataset::segmentation(o.data) : EvaluationDataset::classification(o.data);
    if (!o.cases.empty())
        cases = EvaluationDataset::select(cases, EvaluationDataset::readCaseList(o.cases, o.subset));
    return cases;
}

// Progress and per-case errors from the worker threads, one line at a time.
class CaseLog {
  public:
    CaseLog(ProgressPrinter& progress, std::size_t total, std::string unit)
        : progress_(progress), total_(total), unit_(std::move(unit)) {}
    void failed(const std::string& name, const std::string& why) {
        std::lock_guard lock(mutex_);
        std::cerr << "cadview-cli: " << name << ": " << why << "\n";
    }
    void finished() {
        std::lock_guard lock(mutex_);
        ++done_;
        progress_.print(std::to_string(done_) + "/" + std::to_string(total_) + " " + unit_, done_ == total_);
    }

  private:
    ProgressPrinter& progress_;
    std::size_t total_;
    std::string unit_;
    std::size_t done_ = 0;
    std::mutex mutex_;
};

struct SegmentationRow {
    bool ok = false;
    std::vector<double> dice, hd95;
    std::string csv;
};

int evaluateSegmentation(const EvaluateOptions& o, ModelRunner& runner, std::ostream& csv,
                         ProgressPrinter& progress) {
    const ModelManifest& m = runner.manifest();
    const auto cases = chooseCases(o, true);
    csv << "case,label,dice,hd95_mm,reference_voxels,predicted_voxels,image,reference\n";
    std::vector<SegmentationRow> rows(cases.size());
    CaseLog caseLog(progress, cases.size(), "cases");
    JobContext pool;
    parallelFor(
        cases.size(), pool,
        [&](std::size_t i) {
            const EvaluationCase& c = cases[i];
            SegmentationRow& row = rows[i];
            try {
                JobContext job;
                LoadOptions load;
                load.threads = 1;
                const Volume image = VolumeLoader::loadPath(c.image, "", load, job);
                const Volume truth = VolumeLoader::loadPath(c.reference, "", load, job);
                if (truth.geometry().size != image.geometry().size)
                    throw std::runtime_error("the mask's grid (" + std::to_string(truth.geometry().size[0]) +
                                             " x " + std::to_string(truth.geometry().size[1]) + " x " +
                                             std::to_string(truth.geometry().size[2]) +
                                             ") differs from the image's");
                const InferenceResult r = runner.run(image, job);
                const std::uint8_t* labels = r.labels->as<std::uint8_t>();
                std::vector<std::uint8_t> ignored;
                if (o.ignore) ignored = LabelMask::select(truth, *o.ignore);
                for (const auto& l : m.labels) {
                    const auto ref = LabelMask::select(truth, m.labels.size() == 1 ? -1 : l.value, o.ignore);
                    std::vector<std::uint8_t> pred(ref.size());
                    for (std::size_t v = 0; v < pred.size(); ++v)
                        pred[v] = labels[v] == l.value && !(o.ignore && ignored[v]);
                    const Overlap ov = Overlap::of(ref.data(), pred.data(), ref.size(),
                                                   ignored.empty() ? nullptr : ignored.data());
                    const double hd = SurfaceDistance::hausdorff95(ref.data(), pred.data(), image.geometry());
                    row.dice.push_back(ov.dice());
                    row.hd95.push_back(hd);
                    row.csv += csvField(c.name) + "," + csvField(l.name) + "," + csvNumber(ov.dice(), 6) +
                               "," + csvNumber(hd, 6) + "," + std::to_string(ov.reference) + "," +
                               std::to_string(ov.predicted) + "," + csvField(c.image) + "," +
                               csvField(c.reference) + "\n";
                }
                row.ok = true;
            } catch (const std::exception& e) {
                caseLog.failed(c.name, e.what());
            }
            caseLog.finished();
        },
        ModelLoader::resolveThreads(o.threads));

    std::size_t failed = 0;
    for (const auto& row : rows) {
        csv << row.csv;
        failed += !row.ok;
    }
    for (std::size_t k = 0; k < m.labels.size(); ++k) {
        std::vector<double> dice, hd;
        for (const auto& row : rows) {
            if (!row.ok) continue;
            dice.push_back(row.dice[k]);
            if (!std::isnan(row.hd95[k])) hd.push_back(row.hd95[k]);
        }
        if (dice.empty()) continue;
        const auto [lo, hi] = std::minmax_element(dice.begin(), dice.end());
        std::cout << m.name << " " << m.labels[k].name << ": mean Dice "
                  << interval(ConfidenceInterval::bootstrapMean(dice)) << ", median "
                  << figure(SurfaceDistance::percentile(dice, 50)) << ", min " << figure(*lo) << ", max "
                  << figure(*hi) << "; HD95 median " << figure(SurfaceDistance::percentile(hd, 50), 2)
                  << " mm, mean " << figure(ConfidenceInterval::bootstrapMean(hd).estimate, 2) << " mm; "
                  << dice.size() << " cases\n";
    }
    if (failed > 0) std::cerr << "cadview-cli: " << failed << " of " << cases.size() << " cases failed\n";
    return failed > 0 ? 1 : 0;
}

int evaluateClassification(const EvaluateOptions& o, ModelRunner& runner, std::ostream& csv,
                           ProgressPrinter& progress) {
    const ModelManifest& m = runner.manifest();
    const auto cases = chooseCases(o, false);
    std::vector<bool> matched(m.labels.size(), false);
    for (const auto& c : cases)
        for (std::size_t k = 0; k < m.labels.size(); ++k)
            matched[k] = matched[k] || EvaluationDataset::classKey(c.className) ==
                                           EvaluationDataset::classKey(m.labels[k].name);
    if (std::none_of(matched.begin(), matched.end(), [](bool b) { return b; })) {
        std::cerr << "cadview-cli: " << o.data << ": no class folder is named like a label of " << m.name
                  << " (";
        for (std::size_t k = 0; k < m.labels.size(); ++k)
            std::cerr << (k ? ", " : "") << m.labels[k].name;
        std::cerr << ")\n";
        return 1;
    }
    runner.setHeatmaps(false);
    std::vector<std::vector<double>> probs(cases.size());
    std::vector<bool> ok(cases.size(), false);
    CaseLog caseLog(progress, cases.size(), "images");
    JobContext pool;
    parallelFor(
        cases.size(), pool,
        [&](std::size_t i) {
            try {
                JobContext job;
                LoadOptions load;
                load.threads = 1;
                const Volume image = VolumeLoader::loadPath(cases[i].image, "", load, job);
                probs[i] = runner.run(image, job).probabilities;
                ok[i] = true;
            } catch (const std::exception& e) {
                caseLog.failed(cases[i].name, e.what());
            }
            caseLog.finished();
        },
        ModelLoader::resolveThreads(o.threads));

    csv << "case,class";
    for (const auto& l : m.labels)
        csv << "," << csvField(l.name);
    csv << "\n";
    std::size_t failed = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (!ok[i]) {
            ++failed;
            continue;
        }
        csv << csvField(cases[i].name) << "," << csvField(cases[i].className);
        for (double p : probs[i])
            csv << "," << csvNumber(p);
        csv << "\n";
    }
    for (std::size_t k = 0; k < m.labels.size(); ++k) {
        if (!matched[k]) continue;
        std::vector<double> scores;
        std::vector<bool> positive;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            if (!ok[i]) continue;
            scores.push_back(probs[i][k]);
            positive.push_back(EvaluationDataset::classKey(cases[i].className) ==
                               EvaluationDataset::classKey(m.labels[k].name));
        }
        const RocAnalysis roc(scores, positive);
        const double t = m.labels[k].threshold;
        std::cout << m.name << " " << m.labels[k].name << ": ROC AUC " << interval(roc.auc())
                  << "; at threshold " << figure(t, 4) << ": sensitivity " << interval(roc.sensitivity(t), 3)
                  << ", specificity " << interval(roc.specificity(t), 3) << "; " << roc.positives()
                  << " positive, " << roc.negatives() << " negative images\n";
    }
    if (failed > 0) std::cerr << "cadview-cli: " << failed << " of " << cases.size() << " images failed\n";
    return failed > 0 ? 1 : 0;
}

}  // namespace

int runEvaluate(const EvaluateOptions& o) {
    AtomicFile::checkTarget(o.csv);  // refused before the work, not after it
    std::ostringstream csv;
    ProgressPrinter progress(o.progress, "evaluate");
    JobContext loadJob(progress.callback());
    try {
        const auto runner = ModelLoader::load(o.model, o.modelDirs, o.threads, std::nullopt, loadJob);
        const int status = runner->manifest().task == ModelManifest::Task::Segmentation
                               ? evaluateSegmentation(o, *runner, csv, progress)
                               : evaluateClassification(o, *runner, csv, progress);
        AtomicFile::write(o.csv, csv.str());
        return status;
    } catch (const DatasetError& e) {
        std::cerr << "cadview-cli: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace cadview::cli
