#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "annotation/LabelEdit.h"

namespace cadview {

// Undo/redo for a label map: a list of LabelEdits, each applied already when pushed. Memory is the sum of
// the edits' sparse deltas; past `budgetBytes` the oldest edits are forgotten (they stay applied).
class EditHistory {
  public:
    explicit EditHistory(std::size_t budgetBytes = std::size_t(512) << 20) : budget_(budgetBytes) {}

    // Records an edit already applied to the label map; drops whatever could be redone. Empty edits are
    // ignored (returns false).
    bool push(LabelEdit edit);
    bool canUndo() const { return position_ > 0; }
    bool canRedo() const { return position_ < edits_.size(); }
    // Reverts the last applied edit on `labels` and returns it (for redraws), or nullptr.
    const LabelEdit* undo(Volume& labels);
    const LabelEdit* redo(Volume& labels);
    // Description of what undo/redo would do next ("" when nothing).
    std::string undoText() const;
    std::string redoText() const;
    void clear();

    std::size_t size() const { return edits_.size(); }
    std::size_t bytes() const { return bytes_; }
    // Increases every time the label map changes through the history (push, undo, redo): a change
    // counter for autosave and "unsaved changes".
    std::size_t revision() const { return revision_; }

  private:
    std::size_t budget_;
    std::deque<LabelEdit> edits_;
    std::size_t position_ = 0;  // edits_[0, position_) are applied
    std::size_t bytes_ = 0;
    std::size_t revision_ = 0;
};

}  // namespace cadview
