#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cadview {

// One label of a label map: its voxel value (1..255), name, colour, and how the editor treats it.
struct LabelEntry {
    int value = 1;
    std::string name;
    std::array<std::uint8_t, 3> color{255, 0, 0};
    bool visible = true;
    bool locked = false;  // a locked label's voxels are never changed by painting, filling or accepting
};

// The named labels of a label map, sorted by value. Value 0 is background and never listed.
class LabelTable {
  public:
    LabelTable() = default;
    // A table with one label, "Label 1", in the first palette colour.
    static LabelTable withDefaultLabel();

    const std::vector<LabelEntry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    const LabelEntry* find(int value) const;
    LabelEntry* find(int value);
    // Adds or replaces the entry with the same value. Throws std::invalid_argument outside 1..255.
    void set(const LabelEntry& entry);
    bool remove(int value);
    // A value not yet used (the smallest), or nullopt when all 255 are taken.
    std::optional<int> nextFreeValue() const;
    // Adds "Label N" (palette colour) for every value in `values` the table does not have yet.
    void addMissing(const std::vector<int>& values);

    // Colour of the palette's n-th entry (the one new labels get), as ITK-SNAP and Slicer use.
    static std::array<std::uint8_t, 3> paletteColor(int value);

    // Lookup tables for drawing: colour and visibility by value.
    std::array<std::array<std::uint8_t, 3>, 256> colorTable() const;
    std::array<bool, 256> visibilityTable() const;
    std::array<bool, 256> lockTable() const;

    // JSON: {"labels": [{"value": 1, "name": "...", "color": [r, g, b], "visible": true, "locked": false}]}.
    std::string toJson() const;
    // Throws std::runtime_error naming what is wrong.
    static LabelTable fromJson(const std::string& text);

    // ITK-SNAP's label description file ("IDX -R- -G- -B- -A-- VIS MSH LABEL" lines, '#' comments),
    // which ITK-SNAP and other tools read next to a NIfTI label map.
    std::string toItkSnap() const;
    static LabelTable fromItkSnap(const std::string& text);

    bool operator==(const LabelTable& other) const;

  private:
    std::vector<LabelEntry> entries_;
};

}  // namespace cadview
