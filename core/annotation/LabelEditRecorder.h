#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "annotation/LabelEdit.h"
#include "image/Volume.h"

namespace cadview {

// Records voxel-by-voxel changes to a UInt8 label map (brush dabs, fills, polygons): the first write to
// an image row keeps a copy of that row; finish() compares the copies with the label map and returns
// the changes as one LabelEdit. Operations write straight into the rows it hands out, so the label map
// (and the screen) shows a stroke while it is drawn.
class LabelEditRecorder {
  public:
    // `labels` must be UInt8 with one component and outlive the recorder. Throws std::invalid_argument.
    explicit LabelEditRecorder(Volume& labels);

    Volume& labels() { return labels_; }
    const ImageGeometry& geometry() const { return labels_.geometry(); }
    // Writable row (x = 0 .. size[0]-1) at (y, z); its content is saved the first time it is asked for.
    std::uint8_t* row(std::size_t y, std::size_t z);
    // Number of rows saved so far.
    std::size_t touchedRows() const { return originals_.size(); }

    // The changes since construction (or the last finish/discard) as one edit; the label map keeps them.
    LabelEdit finish(std::string description);
    // Writes every saved row back (an operation cancelled half way).
    void discard();

  private:
    Volume& labels_;
    std::unordered_map<std::size_t, std::vector<std::uint8_t>> originals_;  // key: y + z * size[1]
};

}  // namespace cadview
