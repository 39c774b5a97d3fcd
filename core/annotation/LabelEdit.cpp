#include "annotation/LabelEdit.h"

#include <algorithm>
#include <stdexcept>

namespace cadview {

void LabelEdit::Builder::addRun(std::uint64_t start, std::uint32_t length, std::uint8_t before,
                                std::uint8_t after) {
    if (length == 0 || before == after) return;
    if (!runs_.empty()) {
        Run& last = runs_.back();
        if (last.start + last.length == start && last.before == before && last.after == after &&
            std::uint64_t(last.length) + length <= 0xffffffffu) {
            last.length += length;
            return;
        }
    }
    runs_.push_back({start, length, before, after});
}

void LabelEdit::Builder::addDifference(std::uint64_t offset, const std::uint8_t* before,
                                       const std::uint8_t* after, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
        // Skip the unchanged stretch a word at a time: most of a slice is usually untouched.
        while (i + 8 <= n && std::equal(before + i, before + i + 8, after + i))
            i += 8;
        while (i < n && before[i] == after[i])
            ++i;
        if (i >= n) break;
        const std::uint8_t b = before[i], a = after[i];
        std::size_t j = i + 1;
        while (j < n && before[j] == b && after[j] == a)
            ++j;
        addRun(offset + i, std::uint32_t(j - i), b, a);
        i = j;
    }
}

void LabelEdit::Builder::append(Builder&& other) {
    if (other.runs_.empty()) return;
    if (!runs_.empty() && other.runs_.front().start < runs_.back().start + runs_.back().length)
        throw std::logic_error("LabelEdit::Builder::append: runs out of order");
    runs_.reserve(runs_.size() + other.runs_.size());
    for (const Run& r : other.runs_)
        addRun(r.start, r.length, r.before, r.after);
    other.runs_.clear();
}

LabelEdit LabelEdit::Builder::finish(std::string description) {
    LabelEdit edit;
    edit.description_ = std::move(description);
    edit.runs_ = std::move(runs_);
    edit.runs_.shrink_to_fit();
    runs_.clear();
    if (!edit.runs_.empty()) {
        const std::size_t nx = size_[0], ny = size_[1];
        Bounds b;
        b.min = {nx, ny, size_[2]};
        for (const Run& r : edit.runs_) {
            const std::uint64_t first = r.start, last = r.start + r.length - 1;
            const std::size_t z0 = first / (nx * ny), y0 = (first / nx) % ny;
            const std::size_t z1 = last / (nx * ny), y1 = (last / nx) % ny;
            b.min[2] = std::min(b.min[2], z0);
            b.max[2] = std::max(b.max[2], z1);
            if (z0 == z1 && y0 == y1) {
                b.min[0] = std::min<std::size_t>(b.min[0], first % nx);
                b.max[0] = std::max<std::size_t>(b.max[0], last % nx);
                b.min[1] = std::min(b.min[1], y0);
                b.max[1] = std::max(b.max[1], y0);
            } else {  // a run across rows: whole rows in between
                b.min[0] = 0;
                b.max[0] = nx - 1;
                if (z0 == z1) {
                    b.min[1] = std::min(b.min[1], y0);
                    b.max[1] = std::max(b.max[1], y1);
                } else {
                    b.min[1] = 0;
                    b.max[1] = ny - 1;
                }
            }
        }
        edit.bounds_ = b;
    }
    return edit;
}

std::size_t LabelEdit::changedVoxels() const {
    std::size_t n = 0;
    for (const Run& r : runs_)
        n += r.length;
    return n;
}

std::size_t LabelEdit::bytes() const {
    return sizeof(LabelEdit) + runs_.capacity() * sizeof(Run) + description_.capacity();
}

namespace {

void check(const Volume& labels, const std::vector<LabelEdit::Run>& runs) {
    if (labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("label edits apply to UInt8 label maps");
    if (!runs.empty() && runs.back().start + runs.back().length > labels.voxelCount())
        throw std::invalid_argument("label edit does not fit the label map");
}

}  // namespace

void LabelEdit::apply(Volume& labels) const {
    check(labels, runs_);
    std::uint8_t* v = labels.as<std::uint8_t>();
    for (const Run& r : runs_)
        std::fill_n(v + r.start, r.length, r.after);
}

void LabelEdit::revert(Volume& labels) const {
    check(labels, runs_);
    std::uint8_t* v = labels.as<std::uint8_t>();
    for (const Run& r : runs_)
        std::fill_n(v + r.start, r.length, r.before);
}

}  // namespace cadview
