#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "image/Volume.h"

namespace cadview {

// One change to a UInt8 label map, stored as runs of consecutive voxels (linear index, x fastest) that
// held one value before and another after. Memory grows with what changed, not with the volume: a brush
// stroke costs a few bytes per touched row. Undo writes the old values back, redo the new ones.
class LabelEdit {
  public:
    struct Run {
        std::uint64_t start = 0;   // linear voxel index
        std::uint32_t length = 0;  // voxels
        std::uint8_t before = 0;
        std::uint8_t after = 0;
    };

    // Index-space box of the changed voxels (inclusive), for partial redraws; empty edits have none.
    struct Bounds {
        std::array<std::size_t, 3> min{0, 0, 0};
        std::array<std::size_t, 3> max{0, 0, 0};
    };

    // Collects runs in increasing voxel order (several builders, e.g. one per slice, can be joined).
    class Builder {
      public:
        explicit Builder(const std::array<std::size_t, 3>& size) : size_(size) {}
        // Adds the voxels [offset, offset + n) where `before` and `after` differ.
        void addDifference(std::uint64_t offset, const std::uint8_t* before, const std::uint8_t* after,
                           std::size_t n);
        // Adds `length` voxels from `start` that all change from `before` to `after` (no-op when equal).
        void addRun(std::uint64_t start, std::uint32_t length, std::uint8_t before, std::uint8_t after);
        // Appends another builder's runs, which must all come after this one's.
        void append(Builder&& other);
        LabelEdit finish(std::string description);

      private:
        std::array<std::size_t, 3> size_;
        std::vector<Run> runs_;
    };

    LabelEdit() = default;

    const std::string& description() const { return description_; }
    const std::vector<Run>& runs() const { return runs_; }
    bool empty() const { return runs_.empty(); }
    std::size_t changedVoxels() const;
    // Memory the edit holds (runs plus bookkeeping), for the undo history's budget.
    std::size_t bytes() const;
    const Bounds& bounds() const { return bounds_; }

    // Write the new (apply) or the old (revert) values into `labels` (UInt8, the grid it was made on).
    void apply(Volume& labels) const;
    void revert(Volume& labels) const;

  private:
    std::string description_;
    std::vector<Run> runs_;
    Bounds bounds_;
};

}  // namespace cadview
