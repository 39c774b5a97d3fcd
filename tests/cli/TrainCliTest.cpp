// `cadview-cli train`: transfer learning from a bundled model on a folder-labelled dataset (the classic
// workflow: folders name the classes), the new model usable at once by the other commands, and misuse as
// one clear line.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, as in InferenceCliTest.cpp

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "CliRunner.h"
#include "TestFolder.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = CADVIEW_TEST_DATA;

// The first `n` images (by name) of each class of PneumoniaMNIST's train folder, copied into `to`.
void copyPneumoniaSubset(const fs::path& to, std::size_t n) {
    for (const char* cls : {"normal", "pneumonia"}) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(fs::path(kData) / "cxr_pneumoniamnist/train" / cls))
            files.push_back(e.path());
        std::sort(files.begin(), files.end());
        fs::create_directories(to / cls);
        for (std::size_t i = 0; i < n && i < files.size(); ++i)
            fs::copy_file(files[i], to / cls / files[i].filename());
    }
}

TEST(TrainCli, FineTunesABundledModelIntoANewOneTheOtherCommandsUse) {
    TempDir dir;
    copyPneumoniaSubset(dir.file("data"), 20);
    const std::string models = dir.file("models");
    const std::string train = "train --model cxr-pneumonia --data " + quoted(dir.file("data")) +
                              " --name pneumonia-site --output " + quoted(models) + " --epochs 2 --batch 8";
    const CliRun r = runCli(train);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("epoch 0: before fine-tuning, validation ROC AUC "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("epoch 2: loss "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("saved pneumonia-site to"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("32 training, 8 validation cases"), std::string::npos) << r.out;

    const fs::path folder = fs::path(models) / "pneumonia-site";
    ASSERT_TRUE(fs::exists(folder / "model.pt"));
    nlohmann::json manifest, training;
    std::ifstream(folder / "manifest.json") >> manifest;
    std::ifstream(folder / "training.json") >> training;
    EXPECT_EQ(manifest["name"], "pneumonia-site");
    EXPECT_EQ(manifest["file"], "model.pt");
    EXPECT_EQ(manifest["labels"][0]["name"], "pneumonia");
    EXPECT_EQ(manifest["output"]["feature_map"], 1);
    EXPECT_NE(manifest["description"].get<std::string>().find("Fine-tuned from cxr-pneumonia 1.0.0"),
              std::string::npos);
    EXPECT_EQ(training["base_model"], "cxr-pneumonia");
    EXPECT_EQ(training["epochs"].size(), 3u);  // before, 1, 2
    EXPECT_EQ(training["validation_cases"].size(), 8u);

    const CliRun listed = runCli("models --json --model-dir " + quoted(models));
    EXPECT_NE(listed.out.find("pneumonia-site"), std::string::npos) << listed.out;
    const CliRun evaluated =
        runCli("evaluate --model pneumonia-site --model-dir " + quoted(models) + " --data " +
               quoted(dir.file("data")) + " --csv " + quoted(dir.file("e.csv")));
    EXPECT_EQ(evaluated.exitCode, 0) << evaluated.err;
    EXPECT_NE(evaluated.out.find("20 positive, 20 negative images"), std::string::npos) << evaluated.out;

    const CliRun again = runCli(train);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("already holds a model"), std::string::npos) << again.err;
}

TEST(TrainCli, ClearErrors) {
    TempDir dir;
    copyPneumoniaSubset(dir.file("data"), 2);
    CliRun r = runCli("train --model test-seg25d --model-dir " + quoted(CADVIEW_TEST_MODELS) + " --data " +
                      quoted(dir.file("data")) + " --name x --output " + quoted(dir.file("m")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("fine-tunes 2d models"), std::string::npos) << r.err;
    r = runCli("train --model cxr-pneumonia --data " + quoted(dir.file("data")) + " --name ../x --output " +
               quoted(dir.file("m")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("--name ../x: use letters, digits"), std::string::npos) << r.err;
    r = runCli("train --model cxr-pneumonia --data " + quoted(dir.file("nothing")) + " --name x --output " +
               quoted(dir.file("m")));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("nothing: no such folder"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cadview::test
