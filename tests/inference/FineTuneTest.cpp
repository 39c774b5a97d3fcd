// Fine-tuning (FineTuner through the LibTorch plugin) on datasets written here, with generated models whose
// starting behaviour is known: training must move them to what the data says, the best epoch's weights are
// saved as a TorchScript file cadview loads like any model, and misuse is a clear error.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "TestModels.h"
#include "io/PngWriter.h"
#include "io/VolumeLoader.h"
#include "training/FineTuner.h"

using namespace cadview;
using namespace cadview::test;
namespace fs = std::filesystem;

namespace {

class Folder {
  public:
    Folder() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = fs::temp_directory_path() /
                ("cadview_finetune_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~Folder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string file(const std::string& rel) const { return (path_ / rel).string(); }

  private:
    fs::path path_;
};

Volume grey(std::size_t w, std::size_t h, const std::function<int(std::size_t, std::size_t)>& value) {
    return makeVolume<std::uint8_t>(
        gridOf(w, h, 1), [&](std::size_t x, std::size_t y, std::size_t) { return double(value(x, y)); });
}

void writePng(const std::string& path, const Volume& v) {
    fs::create_directories(fs::path(path).parent_path());
    PngWriter::write(v, path);
}

// Copies the generated model's folder, so the test never writes next to the fixture's models.
ModelManifest copyOfModel(const std::string& name, const Folder& dir) {
    fs::create_directories(dir.file("models"));
    fs::copy(modelDirectory() + "/" + name, dir.file("models/" + name), fs::copy_options::recursive);
    return ModelManifest::load(dir.file("models/" + name + "/manifest.json"));
}

double probabilityOfFirst(const ModelManifest& m, int grey) {
    return runModel(m,
                    [&] {
                        Volume v = makeVolume<std::uint8_t>(
                            gridOf(64, 64, 1),
                            [&](std::size_t, std::size_t, std::size_t) { return double(grey); });
                        return v;
                    }())
        .probabilities[0];
}

}  // namespace

// test-cls-gradcam calls "first" more likely the brighter the image. Here "first" is the dark class: before
// training its validation ROC AUC is 0; fine-tuning must turn the model around.
TEST(FineTune, ClassifierLearnsWhatTheFoldersSay) {
    Folder dir;
    const ModelManifest base = copyOfModel("test-cls-gradcam", dir);
    for (int i = 0; i < 10; ++i) {
        writePng(dir.file("data/first/" + std::to_string(i) + ".png"),
                 grey(64, 64, [&](auto, auto) { return 10 + 5 * i; }));
        writePng(dir.file("data/second/" + std::to_string(i) + ".png"),
                 grey(64, 64, [&](auto, auto) { return 190 + 5 * i; }));
    }
    FineTuneOptions o;
    o.epochs = 40;
    o.batch = 4;
    o.learningRate = 0.3;  // the score's weight has to go from 8 through 0
    o.patience = 40;
    JobContext job;
    const std::string out = dir.file("tuned.pt");
    std::vector<int> seen;
    const FineTuneReport r =
        FineTuner::run(base, TorchPlugin::backend(), EvaluationDataset::classification(dir.file("data")), o,
                       out, job, [&](const EpochReport& e) { seen.push_back(e.epoch); });
    EXPECT_EQ(r.metric, "ROC AUC");
    EXPECT_EQ(r.validationCases.size(), 4u);  // 20% of each class
    EXPECT_EQ(r.trainingCases.size(), 16u);
    ASSERT_FALSE(r.epochs.empty());
    EXPECT_EQ(seen.front(), 0);
    // Mean over the labels: "first" 0 (dark positives), "second" 1 (bright positives, as the model likes).
    EXPECT_NEAR(r.epochs.front().validation, 0.5, 1e-9);
    EXPECT_GT(r.bestValidation, 0.99);
    EXPECT_GT(r.bestEpoch, 0);
    // The saved weights are the best epoch's, in a model cadview runs like any other.
    ModelManifest tuned = base;
    tuned.file = out;
    EXPECT_GT(probabilityOfFirst(tuned, 30), probabilityOfFirst(tuned, 220));
    EXPECT_LT(probabilityOfFirst(base, 30), probabilityOfFirst(base, 220));
}

// test-seg2d-size labels the pixels >= 128 of a 256 x 256 image. Masks here mark x >= 64 of a horizontal
// ramp (grey = x): at the start the validation Dice is 2 * 128 / (128 + 192) = 0.8.
TEST(FineTune, SegmenterMovesItsBoundaryToTheMasks) {
    Folder dir;
    const ModelManifest base = copyOfModel("test-seg2d-size", dir);
    for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(i);
        writePng(dir.file("data/images/" + n + ".png"),
                 grey(256, 256, [](std::size_t x, auto) { return int(x); }));
        writePng(dir.file("data/masks/" + n + "_mask.png"),
                 grey(256, 256, [](std::size_t x, auto) { return x >= 64 ? 255 : 0; }));
    }
    FineTuneOptions o;
    o.epochs = 60;
    o.batch = 4;
    o.learningRate = 0.05;
    o.patience = 60;
    JobContext job;
    const std::string out = dir.file("tuned.pt");
    const FineTuneReport r = FineTuner::run(base, TorchPlugin::backend(),
                                            EvaluationDataset::segmentation(dir.file("data")), o, out, job);
    EXPECT_EQ(r.metric, "Dice");
    EXPECT_NEAR(r.epochs.front().validation, 0.8, 0.01);
    EXPECT_GT(r.bestValidation, 0.98);
    ModelManifest tuned = base;
    tuned.file = out;
    const InferenceResult seg = runModel(tuned, grey(256, 256, [](std::size_t x, auto) { return int(x); }));
    EXPECT_EQ(seg.labels->valueAt(100, 10, 0), 1.0);  // was background before
    EXPECT_EQ(seg.labels->valueAt(30, 10, 0), 0.0);
}

TEST(FineTune, CancelStopsWithoutWritingAModel) {
    Folder dir;
    const ModelManifest base = copyOfModel("test-seg2d-size", dir);
    for (int i = 0; i < 4; ++i) {
        writePng(dir.file("data/images/" + std::to_string(i) + ".png"),
                 grey(64, 64, [](auto x, auto) { return int(x); }));
        writePng(dir.file("data/masks/" + std::to_string(i) + ".png"),
                 grey(64, 64, [](auto, auto) { return 0; }));
    }
    FineTuneOptions o;
    o.epochs = 1000;
    o.batch = 1;
    JobContext job;
    const std::string out = dir.file("tuned.pt");
    EXPECT_THROW(FineTuner::run(base, TorchPlugin::backend(),
                                EvaluationDataset::segmentation(dir.file("data")), o, out, job,
                                [&](const EpochReport& e) {
                                    if (e.epoch == 2) job.requestCancel();
                                }),
                 CancelledError);
    EXPECT_FALSE(fs::exists(out));
}

TEST(FineTune, ModelsAndDatasetsItCannotUseAreClearErrors) {
    Folder dir;
    writePng(dir.file("data/images/a.png"), grey(32, 32, [](auto, auto) { return 0; }));
    writePng(dir.file("data/masks/a.png"), grey(32, 32, [](auto, auto) { return 0; }));
    JobContext job;
    const auto cases = EvaluationDataset::segmentation(dir.file("data"));
    try {
        FineTuner::run(testManifest("test-seg25d"), TorchPlugin::backend(), cases, {}, dir.file("x.pt"), job);
        FAIL();
    } catch (const DatasetError& e) {
        EXPECT_NE(std::string(e.what()).find("fine-tunes 2d models"), std::string::npos) << e.what();
    }
    try {
        FineTuner::run(testManifest("test-seg2d-size"), TorchPlugin::backend(), cases, {}, dir.file("x.pt"),
                       job);
        FAIL();
    } catch (const DatasetError& e) {
        EXPECT_STREQ(e.what(),
                     "fine-tuning needs cases for training and for validation; the dataset gives 1 and 0");
    }
    // The mask replaced by another program: cadview itself never writes over a file it opened as a study.
    writePng(dir.file("data/small.png"), grey(16, 16, [](auto, auto) { return 0; }));
    fs::rename(dir.file("data/small.png"), dir.file("data/masks/a.png"));
    try {
        FineTuner::run(testManifest("test-seg2d-size"), TorchPlugin::backend(), cases, {}, dir.file("x.pt"),
                       job);
        FAIL();
    } catch (const DatasetError& e) {
        EXPECT_STREQ(e.what(), "images/a.png: the mask's size differs from the image's");
    }
}
