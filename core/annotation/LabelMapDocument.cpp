#include "annotation/LabelMapDocument.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "jobs/JobContext.h"
#include "jobs/ParallelFor.h"

namespace cadview {

void LabelMapDocument::reset(const ImageGeometry& grid) {
    grid_ = grid;
    hasGrid_ = true;
    labels_.reset();
    recorder_.reset();
    history_.clear();
    table_ = LabelTable::withDefaultLabel();
    activeLabel_ = 1;
    ++revision_;
    savedRevision_ = revision_;
}

void LabelMapDocument::load(const Volume& labels, LabelTable table) {
    if (!hasGrid_ || labels.geometry().size != grid_.size || labels.components() != 1)
        throw std::invalid_argument("the label map's grid differs from the image's");
    auto copy = std::make_shared<Volume>(grid_, PixelType::UInt8);
    std::uint8_t* out = copy->as<std::uint8_t>();
    std::array<bool, 256> present{};
    dispatchPixelType(labels.pixelType(), [&](auto zero) {
        using T = decltype(zero);
        const T* in = labels.as<T>();
        for (std::size_t i = 0, n = labels.voxelCount(); i < n; ++i) {
            const double v = double(in[i]);
            if (!(v >= 0 && v <= 255) || v != std::floor(v))
                throw std::invalid_argument("the label map holds the value " + std::to_string(v) +
                                            ", outside the labels 0..255");
            out[i] = std::uint8_t(v);
            present[out[i]] = true;
        }
    });
    std::vector<int> values;
    for (int v = 1; v < 256; ++v)
        if (present[std::size_t(v)]) values.push_back(v);
    table.addMissing(values);
    if (table.empty()) table = LabelTable::withDefaultLabel();
    recorder_.reset();
    labels_ = std::move(copy);
    table_ = std::move(table);
    history_.clear();
    activeLabel_ = table_.entries().front().value;
    ++revision_;
    savedRevision_ = revision_;
}

std::shared_ptr<Volume> LabelMapDocument::snapshot() const {
    if (!labels_) return nullptr;
    auto copy = std::make_shared<Volume>(labels_->geometry(), PixelType::UInt8);
    std::memcpy(copy->data(), labels_->data(), labels_->bytes());
    return copy;
}

Volume& LabelMapDocument::ensureLabels() {
    if (!hasGrid_) throw std::logic_error("LabelMapDocument: no image grid");
    if (!labels_) {
        labels_ = std::make_shared<Volume>(grid_, PixelType::UInt8);
        std::memset(labels_->data(), 0, labels_->bytes());
    }
    return *labels_;
}

void LabelMapDocument::setActiveLabel(int value) {
    if (value < 1 || value > 255) return;
    if (!table_.find(value)) {
        table_.addMissing({value});
        ++revision_;
    }
    activeLabel_ = value;
}

LabelEditRecorder& LabelMapDocument::beginStroke() {
    if (recorder_) endStroke("Paint");
    recorder_ = std::make_unique<LabelEditRecorder>(ensureLabels());
    return *recorder_;
}

bool LabelMapDocument::endStroke(const std::string& description) {
    if (!recorder_) return false;
    LabelEdit edit = recorder_->finish(description);
    recorder_.reset();
    return commit(std::move(edit));
}

void LabelMapDocument::cancelStroke() {
    if (!recorder_) return;
    recorder_->discard();
    recorder_.reset();
    ++revision_;
}

bool LabelMapDocument::commit(LabelEdit edit) {
    if (!history_.push(std::move(edit))) return false;
    ++revision_;
    return true;
}

const LabelEdit* LabelMapDocument::undo() {
    if (recorder_ || !labels_) return nullptr;
    const LabelEdit* edit = history_.undo(*labels_);
    if (edit) ++revision_;
    return edit;
}

const LabelEdit* LabelMapDocument::redo() {
    if (recorder_ || !labels_) return nullptr;
    const LabelEdit* edit = history_.redo(*labels_);
    if (edit) ++revision_;
    return edit;
}

std::size_t LabelMapDocument::acceptMask(const Volume& mask, const std::array<bool, 256>& accept,
                                         const std::array<std::string, 256>* names,
                                         const std::array<std::array<std::uint8_t, 3>, 256>* colors) {
    if (mask.geometry().size != grid_.size || mask.pixelType() != PixelType::UInt8 || mask.components() != 1)
        throw std::invalid_argument("the AI mask's grid differs from the image's");
    if (recorder_) endStroke("Paint");
    Volume& labels = ensureLabels();
    const auto locked = table_.lockTable();
    const std::size_t sliceVoxels = grid_.size[0] * grid_.size[1];
    const std::size_t slices = grid_.size[2];
    std::vector<LabelEdit::Builder> builders(slices, LabelEdit::Builder(grid_.size));
    std::vector<std::array<bool, 256>> seen(slices);
    const std::uint8_t* in = mask.as<std::uint8_t>();
    const std::uint8_t* out = labels.as<std::uint8_t>();
    JobContext job;
    parallelFor(slices, job, [&](std::size_t z) {
        const std::size_t base = z * sliceVoxels;
        const std::uint8_t* m = in + base;
        const std::uint8_t* l = out + base;
        auto& builder = builders[z];
        std::size_t i = 0;
        while (i < sliceVoxels) {
            // Background of the mask, eight voxels at a time.
            if (i + 8 <= sliceVoxels) {
                std::uint64_t word;
                std::memcpy(&word, m + i, 8);
                if (word == 0) {
                    i += 8;
                    continue;
                }
            }
            const std::uint8_t v = m[i];
            if (v != 0 && accept[v] && l[i] != v && !locked[l[i]]) {
                seen[z][v] = true;
                builder.addRun(base + i, 1, l[i], v);
            }
            ++i;
        }
    });
    LabelEdit::Builder all(grid_.size);
    std::array<bool, 256> values{};
    for (std::size_t z = 0; z < slices; ++z) {
        all.append(std::move(builders[z]));
        for (int v = 1; v < 256; ++v)
            values[std::size_t(v)] = values[std::size_t(v)] || seen[z][std::size_t(v)];
    }
    LabelEdit edit = all.finish("Accept AI mask");
    edit.apply(labels);
    for (int v = 1; v < 256; ++v) {
        if (!values[std::size_t(v)] || table_.find(v)) continue;
        LabelEntry entry{v, "Label " + std::to_string(v), LabelTable::paletteColor(v), true, false};
        if (names && !(*names)[std::size_t(v)].empty()) entry.name = (*names)[std::size_t(v)];
        if (colors) entry.color = (*colors)[std::size_t(v)];
        table_.set(entry);
    }
    const std::size_t changed = edit.changedVoxels();
    commit(std::move(edit));
    return changed;
}

}  // namespace cadview
