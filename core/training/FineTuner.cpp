#include "training/FineTuner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>

#include "evaluation/Overlap.h"
#include "evaluation/RocAnalysis.h"
#include "inference/ProbabilityMap.h"
#include "io/AtomicFile.h"
#include "training/TrainingSet.h"

namespace cadview {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Indices of the validation cases: the named ones, or a seeded share of each class (at least one).
std::vector<bool> validationMask(const TrainingSet& set, const FineTuneOptions& o, bool byClass) {
    std::vector<bool> isVal(set.size(), false);
    if (!o.validationCases.empty()) {
        std::vector<EvaluationCase> all;
        for (std::size_t i = 0; i < set.size(); ++i)
            all.push_back(set.sample(i));
        const auto chosen = EvaluationDataset::select(all, o.validationCases);
        for (std::size_t i = 0; i < set.size(); ++i)
            for (const auto& c : chosen)
                if (c.name == set.sample(i).name) isVal[i] = true;
        return isVal;
    }
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < set.size(); ++i)
        groups[byClass ? set.sample(i).className : std::string()].push_back(i);
    std::mt19937_64 rng(o.seed);
    for (auto& [name, idx] : groups) {
        std::shuffle(idx.begin(), idx.end(), rng);
        const std::size_t n =
            std::max<std::size_t>(1, std::size_t(std::lround(o.validationFraction * double(idx.size()))));
        for (std::size_t k = 0; k < n && k + 1 < idx.size(); ++k)
            isVal[idx[k]] = true;
    }
    return isVal;
}

// The validation figure: mean ROC AUC over the labels with positives and negatives, or mean Dice of each
// label over the validation images on the model's grid.
double validate(ModelTrainer& trainer, const ModelManifest& m, const TrainingSet& set,
                const std::vector<std::size_t>& val, int batch) {
    const bool segmentation = m.task == ModelManifest::Task::Segmentation;
    const std::size_t L = m.labels.size();
    std::vector<std::vector<double>> scores(L);
    std::vector<std::vector<bool>> truth(L);
    std::vector<double> dice;
    for (std::size_t start = 0; start < val.size(); start += std::size_t(batch)) {
        const std::vector<std::size_t> idx(
            val.begin() + long(start), val.begin() + long(std::min(val.size(), start + std::size_t(batch))));
        Tensor logits = trainer.predict(set.inputs(idx));
        const std::size_t channels = std::size_t(logits.shape[1]);
        const std::size_t pixels = logits.size() / (idx.size() * channels);
        const ProbabilityMap activation(m, int(channels));
        for (std::size_t b = 0; b < idx.size(); ++b) {
            float* p = logits.data.data() + b * channels * pixels;
            const std::vector<float>& t = set.target(idx[b]);
            if (!segmentation) {
                activation.activate(p, 1);
                for (std::size_t k = 0; k < L; ++k) {
                    scores[k].push_back(p[k]);
                    truth[k].push_back(m.activation == ModelManifest::Activation::Softmax ? t[0] == float(k)
                                                                                          : t[k] > 0.5f);
                }
                continue;
            }
            // Per pixel: the most probable channel (softmax) or each label above one half (sigmoid).
            for (std::size_t k = 0; k < L; ++k) {
                std::vector<std::uint8_t> a(pixels), r(pixels), ignored(pixels, 0);
                for (std::size_t q = 0; q < pixels; ++q) {
                    if (m.activation == ModelManifest::Activation::Softmax) {
                        std::size_t best = 0;
                        for (std::size_t c = 1; c < channels; ++c)
                            if (p[c * pixels + q] > p[best * pixels + q]) best = c;
                        a[q] = best == k + 1;
                        r[q] = t[q] == float(k + 1);
                        ignored[q] = t[q] < 0;
                    } else {
                        a[q] = p[k * pixels + q] > 0;  // logit > 0 <=> probability > 1/2
                        r[q] = t[k * pixels + q] > 0.5f;
                    }
                }
                dice.push_back(Overlap::of(r.data(), a.data(), pixels, ignored.data()).dice());
            }
        }
    }
    if (segmentation)
        return dice.empty() ? kNaN : std::accumulate(dice.begin(), dice.end(), 0.0) / double(dice.size());
    double sum = 0;
    int n = 0;
    for (std::size_t k = 0; k < L; ++k) {
        const double auc = RocAnalysis(scores[k], truth[k]).auc().estimate;
        if (!std::isnan(auc)) {
            sum += auc;
            ++n;
        }
    }
    return n > 0 ? sum / n : kNaN;
}

}  // namespace

FineTuneReport FineTuner::run(const ModelManifest& m, InferenceBackend& backend,
                              const std::vector<EvaluationCase>& cases, const FineTuneOptions& o,
                              const std::string& outputFile, JobContext& job,
                              const std::function<void(const EpochReport&)>& onEpoch) {
    const bool segmentation = m.task == ModelManifest::Task::Segmentation;
    const TrainingSet set = TrainingSet::build(m, cases, o.ignore, job);
    const std::vector<bool> isVal = validationMask(set, o, !segmentation);
    std::vector<std::size_t> train, val;
    FineTuneReport report;
    report.metric = segmentation ? "Dice" : "ROC AUC";
    for (std::size_t i = 0; i < set.size(); ++i) {
        (isVal[i] ? val : train).push_back(i);
        (isVal[i] ? report.validationCases : report.trainingCases).push_back(set.sample(i).name);
    }
    if (train.empty() || val.empty())
        throw DatasetError("fine-tuning needs cases for training and for validation; the dataset gives " +
                           std::to_string(train.size()) + " and " + std::to_string(val.size()));

    TrainingSettings settings;
    settings.loss = m.activation == ModelManifest::Activation::Softmax
                        ? TrainingSettings::Loss::CrossEntropy
                        : TrainingSettings::Loss::BinaryCrossEntropy;
    settings.logitsOutput = m.logitsOutput;
    settings.learningRate = o.learningRate;
    if (!segmentation && settings.loss == TrainingSettings::Loss::BinaryCrossEntropy) {
        // Positives weighted by negatives / positives per label, as the bundled recipes do.
        for (std::size_t k = 0; k < m.labels.size(); ++k) {
            double pos = 0;
            for (std::size_t i : train)
                pos += set.target(i)[k];
            const double neg = double(train.size()) - pos;
            settings.classWeights.push_back(pos > 0 && neg > 0 ? float(neg / pos) : 1.0f);
        }
    }
    const auto trainer = backend.trainer(m.file, settings);

    const int batch = std::max(1, o.batch);
    EpochReport start{0, kNaN, validate(*trainer, m, set, val, batch)};
    report.epochs.push_back(start);
    report.bestValidation = start.validation;
    trainer->remember();
    if (onEpoch) onEpoch(start);
    std::mt19937_64 rng(o.seed);
    int sinceBest = 0;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        job.setStage(JobStage::Training, train.size());
        std::shuffle(train.begin(), train.end(), rng);
        double total = 0;
        for (std::size_t s = 0; s < train.size(); s += std::size_t(batch)) {
            job.throwIfCancelled();
            const std::vector<std::size_t> idx(
                train.begin() + long(s),
                train.begin() + long(std::min(train.size(), s + std::size_t(batch))));
            total += trainer->step(set.inputs(idx), set.targets(idx)) * double(idx.size());
            job.advance(idx.size());
        }
        EpochReport r{epoch, total / double(train.size()), validate(*trainer, m, set, val, batch)};
        report.epochs.push_back(r);
        if (onEpoch) onEpoch(r);
        if (r.validation > report.bestValidation || std::isnan(report.bestValidation)) {
            report.bestValidation = r.validation;
            report.bestEpoch = epoch;
            trainer->remember();
            sinceBest = 0;
        } else if (++sinceBest >= o.patience) {
            report.stoppedEarly = epoch < o.epochs;
            break;
        }
    }
    trainer->restore();
    const std::string temporary = AtomicFile::temporaryPath(outputFile, ".pt");
    try {
        trainer->save(temporary);
    } catch (...) {
        AtomicFile::discard(temporary);
        throw;
    }
    AtomicFile::commit(temporary, outputFile);
    return report;
}

}  // namespace cadview
