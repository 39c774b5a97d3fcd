#include "training/FolderDatasetExport.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;

namespace cadview {

namespace {

// A file or folder name from free text: letters, digits, '-', '_' and '.'; the rest becomes '_'.
std::string safeName(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.' || (static_cast<unsigned char>(c) >= 0x80);
        out += ok ? c : '_';
    }
    while (!out.empty() && out.front() == '.')
        out.erase(out.begin());
    return out.empty() ? std::string("image") : out;
}

// The image's file name extension, with .nii.gz as one.
std::string extensionOf(const fs::path& file) {
    const std::string name = file.filename().string();
    if (name.size() > 7 && name.compare(name.size() - 7, 7, ".nii.gz") == 0) return ".nii.gz";
    return file.extension().string();
}

fs::path unique(const fs::path& wanted) {
    if (!fs::exists(wanted)) return wanted;
    const std::string ext = extensionOf(wanted);
    const std::string stem =
        wanted.filename().string().substr(0, wanted.filename().string().size() - ext.size());
    for (int i = 2;; ++i) {
        fs::path candidate = wanted.parent_path() / (stem + "-" + std::to_string(i) + ext);
        if (!fs::exists(candidate)) return candidate;
    }
}

void copyFile(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (!fs::is_regular_file(from, ec))
        throw std::runtime_error(from.string() + ": the tagged file is missing");
    fs::copy_file(from, to, fs::copy_options::none, ec);
    if (ec) throw std::runtime_error(to.string() + ": cannot be written: " + ec.message());
}

}  // namespace

FolderDatasetExport::Summary FolderDatasetExport::write(const ClassTags& tags, const std::string& dir,
                                                        JobContext& job) {
    Summary summary;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error(dir + ": cannot create the folder: " + ec.message());
    std::set<std::string> classes;
    job.setStage(JobStage::Writing, tags.tags().size());
    for (const ClassTags::Tag& tag : tags.tags()) {
        job.throwIfCancelled();
        if (tag.files.empty()) throw std::runtime_error(tag.source + ": the tag lists no files");
        const fs::path classDir = fs::path(dir) / tag.className;
        fs::create_directories(classDir, ec);
        if (ec) throw std::runtime_error(classDir.string() + ": cannot create the folder: " + ec.message());
        const std::string base =
            safeName(tag.name.empty() ? fs::path(tag.source).filename().string() : tag.name);
        if (tag.files.size() == 1) {
            const fs::path from(tag.files.front());
            std::string stem = base;
            const std::string ext = extensionOf(from);
            if (stem.size() > ext.size() && stem.compare(stem.size() - ext.size(), ext.size(), ext) == 0)
                stem.resize(stem.size() - ext.size());
            copyFile(from, unique(classDir / (stem + ext)));
            ++summary.files;
        } else {
            const fs::path seriesDir = unique(classDir / base);
            fs::create_directories(seriesDir, ec);
            if (ec)
                throw std::runtime_error(seriesDir.string() + ": cannot create the folder: " + ec.message());
            std::size_t n = 0;
            for (const std::string& file : tag.files) {
                job.throwIfCancelled();
                // Numbered names: DICOM files of one series often share a name in different folders.
                char number[16];
                std::snprintf(number, sizeof number, "%05zu", n++);
                copyFile(file, seriesDir / (std::string(number) + extensionOf(file)));
                ++summary.files;
            }
        }
        classes.insert(tag.className);
        ++summary.images;
        job.advance();
    }
    summary.classes = classes.size();
    return summary;
}

}  // namespace cadview
