#include "annotation/EditHistory.h"

namespace cadview {

bool EditHistory::push(LabelEdit edit) {
    if (edit.empty()) return false;
    while (edits_.size() > position_) {
        bytes_ -= edits_.back().bytes();
        edits_.pop_back();
    }
    bytes_ += edit.bytes();
    edits_.push_back(std::move(edit));
    ++position_;
    ++revision_;
    // Forget the oldest edits past the budget, but always keep the newest one.
    while (bytes_ > budget_ && edits_.size() > 1) {
        bytes_ -= edits_.front().bytes();
        edits_.pop_front();
        --position_;
    }
    return true;
}

const LabelEdit* EditHistory::undo(Volume& labels) {
    if (!canUndo()) return nullptr;
    const LabelEdit& edit = edits_[--position_];
    edit.revert(labels);
    ++revision_;
    return &edit;
}

const LabelEdit* EditHistory::redo(Volume& labels) {
    if (!canRedo()) return nullptr;
    const LabelEdit& edit = edits_[position_++];
    edit.apply(labels);
    ++revision_;
    return &edit;
}

std::string EditHistory::undoText() const {
    return canUndo() ? edits_[position_ - 1].description() : std::string();
}

std::string EditHistory::redoText() const {
    return canRedo() ? edits_[position_].description() : std::string();
}

void EditHistory::clear() {
    edits_.clear();
    position_ = 0;
    bytes_ = 0;
    ++revision_;
}

}  // namespace cadview
