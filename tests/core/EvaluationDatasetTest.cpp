// Finding the cases of a dataset in the folder layouts people use, and choosing the listed ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "evaluation/EvaluationDataset.h"

using namespace cadview;
namespace fs = std::filesystem;

namespace {

class TempDir {
  public:
    TempDir()
        : path_(fs::temp_directory_path() /
                ("cadview-dataset-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }
    void touch(const std::string& rel, const std::string& text = "x") const {
        fs::create_directories((path_ / rel).parent_path());
        std::ofstream(path_ / rel) << text;
    }

  private:
    static inline int counter_ = 0;
    fs::path path_;
};

}  // namespace

TEST(EvaluationDataset, ImagesBesideMasksWithSuffixes) {
    TempDir d;
    d.touch("images/a.jpg");
    d.touch("images/b.png");
    d.touch("images/c.png");  // no mask: left out
    d.touch("masks/a_lung.png");
    d.touch("masks/b.png");
    d.touch("masks/ab_lung.png");  // belongs to no image ("a" + "b_...", not "a_")
    const auto cases = EvaluationDataset::segmentation(d.path().string());
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].name, "images/a.jpg");
    EXPECT_EQ(fs::path(cases[0].reference).filename(), "a_lung.png");
    EXPECT_EQ(cases[1].name, "images/b.png");
    EXPECT_EQ(fs::path(cases[1].reference).filename(), "b.png");
}

TEST(EvaluationDataset, OneFolderPerCase) {
    TempDir d;
    d.touch("case1/flair.nii.gz");
    d.touch("case1/mask.nii.gz");
    d.touch("case2/series/IM0001");  // a DICOM folder as the image
    d.touch("case2/labels.nrrd");
    d.touch("case3/flair.nii.gz");  // no mask: left out
    d.touch("cases.csv");
    const auto cases = EvaluationDataset::segmentation(d.path().string());
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].name, "case1");
    EXPECT_EQ(fs::path(cases[0].image).filename(), "flair.nii.gz");
    EXPECT_EQ(fs::path(cases[0].reference).filename(), "mask.nii.gz");
    EXPECT_EQ(fs::path(cases[1].image).filename(), "series");
    EXPECT_EQ(fs::path(cases[1].reference).filename(), "labels.nrrd");
}

TEST(EvaluationDataset, ClassFolders) {
    TempDir d;
    d.touch("normal/1.png");
    d.touch("pneumonia/2.png");
    d.touch("pneumonia/3.png");
    d.touch("pneumonia/notes.txt");
    d.touch("pneumonia/series_1/00000.dcm");  // a DICOM series in its own folder
    d.touch("normal/single.dcm");
    const auto cases = EvaluationDataset::classification(d.path().string());
    ASSERT_EQ(cases.size(), 5u);
    EXPECT_EQ(cases[0].className, "normal");
    EXPECT_EQ(cases[1].name, "normal/single.dcm");
    EXPECT_EQ(cases[3].name, "pneumonia/3.png");
    EXPECT_EQ(cases[4].name, "pneumonia/series_1");
    EXPECT_EQ(cases[4].className, "pneumonia");
    EXPECT_EQ(EvaluationDataset::classKey("Pleural_Effusion"),
              EvaluationDataset::classKey("pleural effusion"));
}

TEST(EvaluationDataset, CaseListsAndSplitFilesSelectCases) {
    TempDir d;
    d.touch("case1/flair.nii.gz");
    d.touch("case1/mask.nii.gz");
    d.touch("case2/flair.nii.gz");
    d.touch("case2/mask.nii.gz");
    d.touch("list.txt", "# test cases\ncase2\n\n");
    d.touch("split.json", R"({"train": ["case1"], "test": ["case2"]})");
    const auto all = EvaluationDataset::segmentation(d.path().string());
    const auto fromText =
        EvaluationDataset::select(all, EvaluationDataset::readCaseList((d.path() / "list.txt").string(), ""));
    ASSERT_EQ(fromText.size(), 1u);
    EXPECT_EQ(fromText[0].name, "case2");
    const auto train = EvaluationDataset::select(
        all, EvaluationDataset::readCaseList((d.path() / "split.json").string(), "train"));
    ASSERT_EQ(train.size(), 1u);
    EXPECT_EQ(train[0].name, "case1");
    EXPECT_THROW(EvaluationDataset::readCaseList((d.path() / "split.json").string(), "validation"),
                 DatasetError);
    try {
        EvaluationDataset::select(all, {"case2", "case9"});
        FAIL() << "case9 is not in the dataset";
    } catch (const DatasetError& e) {
        EXPECT_NE(std::string(e.what()).find("case9"), std::string::npos);
    }
}

TEST(EvaluationDataset, MissingOrEmptyFoldersAreClearErrors) {
    TempDir d;
    EXPECT_THROW(EvaluationDataset::segmentation((d.path() / "nope").string()), DatasetError);
    try {
        EvaluationDataset::classification(d.path().string());
        FAIL();
    } catch (const DatasetError& e) {
        EXPECT_NE(std::string(e.what()).find("class sub-folders"), std::string::npos);
    }
}
