#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cadview {

// Class names an annotator gives to images or series ("pneumonia", "normal"), kept in a JSON file so the
// tagging survives restarts, and exported as a folder-labelled dataset (FolderDatasetExport) that
// `cadview-cli train` and `evaluate` read.
class ClassTags {
  public:
    struct Tag {
        std::string uid;                 // SeriesInstanceUID, or the image file's path: what is tagged
        std::string className;           // the sub-folder it goes to
        std::string source;              // the file or folder it was opened from
        std::string name;                // a readable name for the exported file or folder
        std::vector<std::string> files;  // the files that make up the image (a DICOM series: all of them)
    };

    ClassTags() = default;
    // Reads `path` (a missing file is an empty set). Throws std::runtime_error naming the file when it
    // exists but cannot be parsed.
    static ClassTags load(const std::string& path);
    // Writes atomically (temporary file, renamed). Throws std::runtime_error naming the file.
    void save(const std::string& path) const;

    // Tags (or re-tags) the image with uid `tag.uid`. A class name must be usable as a folder name: not
    // empty, no '/', not "." or ".."; otherwise std::invalid_argument.
    void set(Tag tag);
    bool remove(const std::string& uid);
    std::optional<Tag> find(const std::string& uid) const;
    const std::vector<Tag>& tags() const { return tags_; }
    // The class names in use, sorted.
    std::vector<std::string> classNames() const;

    static bool validClassName(const std::string& name);

  private:
    std::vector<Tag> tags_;
};

}  // namespace cadview
