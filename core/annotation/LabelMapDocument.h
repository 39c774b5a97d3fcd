#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "annotation/EditHistory.h"
#include "annotation/LabelEditRecorder.h"
#include "annotation/LabelTable.h"
#include "image/Volume.h"

namespace cadview {

// The editable label map of one image: a UInt8 volume on the image's grid, its label table and its undo
// history. Every change goes through here (a stroke through begin/endStroke, whole operations through
// commit()), so every change can be undone and the revision counter tells autosave and "unsaved
// changes" what happened.
class LabelMapDocument {
  public:
    LabelMapDocument() = default;

    // Starts over on `grid` with no label map yet (created on the first edit) and an empty history.
    void reset(const ImageGeometry& grid);
    // Takes a label map of any integer-valued type on the same grid. Throws std::invalid_argument when
    // the grid differs or a value is outside 0..255. Labels without a table entry get a default one.
    // The history is cleared; the loaded map counts as saved.
    void load(const Volume& labels, LabelTable table = {});

    bool hasLabels() const { return labels_ != nullptr; }
    // The label map, or nullptr before the first edit or load.
    const std::shared_ptr<Volume>& labels() const { return labels_; }
    // A copy of the label map for work off the GUI thread (saving, autosave, background operations),
    // or nullptr when there is none.
    std::shared_ptr<Volume> snapshot() const;
    // The label map, created (all 0) when there is none. Throws std::logic_error before reset().
    Volume& ensureLabels();
    const ImageGeometry& grid() const { return grid_; }

    const LabelTable& table() const { return table_; }
    LabelTable& table() { return table_; }
    int activeLabel() const { return activeLabel_; }
    // Makes `value` the label new paint uses; adds a table entry when it has none.
    void setActiveLabel(int value);

    // --- strokes: voxel-by-voxel edits shown while they are drawn ---
    LabelEditRecorder& beginStroke();
    bool strokeActive() const { return recorder_ != nullptr; }
    LabelEditRecorder* stroke() { return recorder_.get(); }
    // Ends the stroke; returns whether it changed anything (then it is on the undo history).
    bool endStroke(const std::string& description);
    void cancelStroke();

    // --- whole operations: an edit already applied to labels() ---
    bool commit(LabelEdit edit);
    const LabelEdit* undo();
    const LabelEdit* redo();
    const EditHistory& history() const { return history_; }

    // Copies an AI mask (UInt8 on the same grid) into the label map: voxels where the mask holds a value
    // v != 0 with `accept[v]` set become v, unless they hold a locked label. Adds table entries for the
    // accepted values (named by `names`, a value's name at [v], when given). One undoable edit; parallel
    // over slices. Returns the edit's voxel count.
    std::size_t acceptMask(const Volume& mask, const std::array<bool, 256>& accept,
                           const std::array<std::string, 256>* names = nullptr,
                           const std::array<std::array<std::uint8_t, 3>, 256>* colors = nullptr);

    // A counter that moves on every change (stroke, commit, undo, redo, load).
    std::size_t revision() const { return revision_; }
    bool modified() const { return revision_ != savedRevision_; }
    void markSaved() { savedRevision_ = revision_; }
    // The label table changed (names, colours, locks): saved with the map, so it counts as a change.
    void touchTable() { ++revision_; }

  private:
    ImageGeometry grid_;
    bool hasGrid_ = false;
    std::shared_ptr<Volume> labels_;
    LabelTable table_;
    EditHistory history_;
    std::unique_ptr<LabelEditRecorder> recorder_;
    int activeLabel_ = 1;
    std::size_t revision_ = 0;
    std::size_t savedRevision_ = 0;
};

}  // namespace cadview
