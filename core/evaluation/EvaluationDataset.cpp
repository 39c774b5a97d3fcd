#include "evaluation/EvaluationDataset.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "io/StudyIndexer.h"

namespace cadview {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// The file name without its image extension (also the two-part .nii.gz).
std::string stemOf(const fs::path& p) {
    std::string name = p.filename().string();
    const std::string l = lower(name);
    for (const char* ext : {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd", ".png", ".jpg", ".jpeg"}) {
        const std::string e(ext);
        if (l.size() > e.size() && l.compare(l.size() - e.size(), e.size(), e) == 0)
            return name.substr(0, name.size() - e.size());
    }
    return p.stem().string();
}

bool isMaskName(const fs::path& p) {
    const std::string l = lower(p.filename().string());
    for (const char* word : {"mask", "label", "seg", "truth"})
        if (l.find(word) != std::string::npos) return true;
    return false;
}

std::vector<fs::path> sortedEntries(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void requireFolder(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DatasetError(dir + ": no such folder");
}

}  // namespace

std::string EvaluationDataset::classKey(const std::string& name) {
    std::string k;
    for (unsigned char c : name)
        if (c != '_' && c != '-' && c != ' ') k += char(std::tolower(c));
    return k;
}

std::vector<EvaluationCase> EvaluationDataset::segmentation(const std::string& dir) {
    requireFolder(dir);
    std::vector<EvaluationCase> cases;
    const fs::path images = fs::path(dir) / "images", masks = fs::path(dir) / "masks";
    std::error_code ec;
    if (fs::is_directory(images, ec) && fs::is_directory(masks, ec)) {
        const auto maskFiles = sortedEntries(masks);
        for (const fs::path& image : sortedEntries(images)) {
            if (!StudyIndexer::isImageFileName(image.string())) continue;
            const std::string stem = stemOf(image);
            for (const fs::path& m : maskFiles) {
                const std::string ms = stemOf(m);
                if (StudyIndexer::isImageFileName(m.string()) &&
                    (ms == stem || ms.rfind(stem + "_", 0) == 0)) {
                    cases.push_back({"images/" + image.filename().string(), image.string(), m.string(), {}});
                    break;
                }
            }
        }
    } else {
        for (const fs::path& folder : sortedEntries(dir)) {
            if (!fs::is_directory(folder, ec)) continue;
            EvaluationCase c{folder.filename().string(), {}, {}, {}};
            std::string subfolder;
            for (const fs::path& f : sortedEntries(folder)) {
                if (fs::is_directory(f, ec)) {
                    if (subfolder.empty()) subfolder = f.string();
                } else if (StudyIndexer::isImageFileName(f.string())) {
                    (isMaskName(f) ? c.reference : c.image) = f.string();
                }
            }
            if (c.image.empty()) c.image = subfolder;
            if (!c.image.empty() && !c.reference.empty()) cases.push_back(std::move(c));
        }
    }
    if (cases.empty())
        throw DatasetError(dir +
                           ": no cases found (expected images/ and masks/ folders, or one folder per case "
                           "holding an image and a mask file)");
    return cases;
}

std::vector<EvaluationCase> EvaluationDataset::classification(const std::string& dir) {
    requireFolder(dir);
    std::vector<EvaluationCase> cases;
    std::error_code ec;
    for (const fs::path& folder : sortedEntries(dir)) {
        if (!fs::is_directory(folder, ec)) continue;
        const std::string cls = folder.filename().string();
        for (const fs::path& f : sortedEntries(folder)) {
            // Image files, DICOM files, and folders holding a DICOM series (as a folder dataset export
            // writes them).
            const bool dicomFile = lower(f.extension().string()) == ".dcm";
            if (StudyIndexer::isImageFileName(f.string()) || dicomFile || fs::is_directory(f, ec))
                cases.push_back({cls + "/" + f.filename().string(), f.string(), {}, cls});
        }
    }
    if (cases.empty())
        throw DatasetError(dir +
                           ": no images found in class sub-folders (expected DIR/<class>/<image files>)");
    return cases;
}

std::vector<std::string> EvaluationDataset::readCaseList(const std::string& file, const std::string& subset) {
    std::ifstream in(file);
    if (!in) throw DatasetError(file + ": cannot be read");
    std::vector<std::string> names;
    if (lower(fs::path(file).extension().string()) == ".json") {
        nlohmann::json j;
        try {
            in >> j;
        } catch (const std::exception& e) {
            throw DatasetError(file + ": not valid JSON (" + e.what() + ")");
        }
        if (subset.empty() || !j.is_object() || !j.contains(subset) || !j.at(subset).is_array())
            throw DatasetError(file + ": no list \"" + subset + "\" (give --subset, e.g. test)");
        for (const auto& v : j.at(subset))
            if (v.is_string()) names.push_back(v.get<std::string>());
        return names;
    }
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty() && line[0] != '#') names.push_back(line);
    }
    return names;
}

std::vector<EvaluationCase> EvaluationDataset::select(const std::vector<EvaluationCase>& cases,
                                                      const std::vector<std::string>& names) {
    const std::set<std::string> wanted(names.begin(), names.end());
    std::set<std::string> matched;
    std::vector<EvaluationCase> out;
    for (const EvaluationCase& c : cases) {
        const fs::path file(c.image);
        for (const std::string& key : {c.name, file.filename().string(), stemOf(file)}) {
            if (wanted.count(key)) {
                matched.insert(key);
                out.push_back(c);
                break;
            }
        }
    }
    std::string missing;
    for (const std::string& n : wanted)
        if (!matched.count(n)) missing += (missing.empty() ? "" : ", ") + n;
    if (!missing.empty()) throw DatasetError("listed cases not found in the dataset: " + missing);
    return out;
}

}  // namespace cadview
