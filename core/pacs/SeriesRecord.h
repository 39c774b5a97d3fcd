#pragma once

#include <string>

namespace cadview {

// One C-FIND match at series level, as the PACS returned it (text in UTF-8).
struct SeriesRecord {
    std::string studyUid;
    std::string seriesUid;
    std::string seriesNumber;  // as written (IS)
    std::string modality;
    std::string description;
    int numberOfInstances = -1;  // NumberOfSeriesRelatedInstances; -1 when the PACS did not say
};

}  // namespace cadview
