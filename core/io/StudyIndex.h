#pragma once

#include <vector>

#include "image/Diagnostic.h"
#include "io/SeriesEntry.h"

namespace cadview {

// What indexing a set of paths found: loadable series (sorted by patient, study, series number) and
// the files that could not be used, each with its reason.
struct StudyIndex {
    std::vector<SeriesEntry> series;
    Diagnostics problems;
    std::size_t filesScanned = 0;
};

}  // namespace cadview
