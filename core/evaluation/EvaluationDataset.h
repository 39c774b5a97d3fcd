#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cadview {

// One case of an evaluation: an image and what it truly is.
struct EvaluationCase {
    std::string name;       // how case lists (--cases) refer to it
    std::string image;      // an image file, or a DICOM folder
    std::string reference;  // segmentation: the ground-truth mask file
    std::string className;  // classification: the sub-folder the image is in
};

class DatasetError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Finds the cases of an evaluation or training dataset in a folder, laid out as people keep them.
//
// Segmentation, either
//   DIR/images/<name>.<ext> with DIR/masks/<name>.<ext> or DIR/masks/<name>_<anything>.<ext>
//     (case name "images/<file>"; images without a mask are left out), or
//   DIR/<case>/ holding a mask file (name containing "mask", "label", "seg" or "truth") and an image file
//     or a DICOM sub-folder (case name "<case>").
// Classification: DIR/<class>/<image files, DICOM files, or folders each holding one DICOM series> (case
// name "<class>/<file or folder>").
class EvaluationDataset {
  public:
    // Throws DatasetError when DIR is missing or holds no case.
    static std::vector<EvaluationCase> segmentation(const std::string& dir);
    static std::vector<EvaluationCase> classification(const std::string& dir);

    // The names listed in FILE: one per line (blank lines and lines starting with # skipped), or, for a
    // .json file, the array under `subset` (a split file such as {"train": [...], "test": [...]}).
    static std::vector<std::string> readCaseList(const std::string& file, const std::string& subset);

    // The cases whose name, file name or file stem is listed, in the dataset's order. Throws DatasetError
    // naming listed names that match no case.
    static std::vector<EvaluationCase> select(const std::vector<EvaluationCase>& cases,
                                              const std::vector<std::string>& names);

    // A folder or file name reduced for comparison with label names: lower case, '_', '-' and ' ' dropped.
    static std::string classKey(const std::string& name);
};

}  // namespace cadview
