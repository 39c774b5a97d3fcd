#include "io/SeriesEntry.h"

namespace cadview {

std::size_t SeriesEntry::imageCount() const {
    if (kind == Kind::ImageFile) return 1;
    std::size_t n = 0;
    for (const auto& i : instances)
        n += std::size_t(i.frames);
    return n;
}

}  // namespace cadview
