#include "annotation/LabelEditRecorder.h"

#include <algorithm>
#include <stdexcept>

namespace cadview {

LabelEditRecorder::LabelEditRecorder(Volume& labels) : labels_(labels) {
    if (labels.empty() || labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::invalid_argument("the label map must be UInt8 with one component");
}

std::uint8_t* LabelEditRecorder::row(std::size_t y, std::size_t z) {
    const auto& size = labels_.geometry().size;
    const std::size_t key = y + z * size[1];
    std::uint8_t* row = labels_.as<std::uint8_t>() + key * size[0];
    auto [it, inserted] = originals_.try_emplace(key);
    if (inserted) it->second.assign(row, row + size[0]);
    return row;
}

LabelEdit LabelEditRecorder::finish(std::string description) {
    const auto& size = labels_.geometry().size;
    std::vector<std::size_t> keys;
    keys.reserve(originals_.size());
    for (const auto& entry : originals_)
        keys.push_back(entry.first);
    std::sort(keys.begin(), keys.end());
    LabelEdit::Builder builder(size);
    const std::uint8_t* now = labels_.as<std::uint8_t>();
    for (std::size_t key : keys)
        builder.addDifference(std::uint64_t(key) * size[0], originals_[key].data(), now + key * size[0],
                              size[0]);
    originals_.clear();
    return builder.finish(std::move(description));
}

void LabelEditRecorder::discard() {
    const std::size_t nx = labels_.geometry().size[0];
    for (const auto& [key, original] : originals_)
        std::copy(original.begin(), original.end(), labels_.as<std::uint8_t>() + key * nx);
    originals_.clear();
}

}  // namespace cadview
