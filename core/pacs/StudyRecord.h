#pragma once

#include <string>
#include <vector>

namespace cadview {

// One C-FIND match at study level, as the PACS returned it (text in UTF-8).
struct StudyRecord {
    std::string patientName;
    std::string patientId;
    std::string birthDate;
    std::string studyUid;
    std::string studyDate;  // YYYYMMDD or empty
    std::string studyTime;
    std::string description;
    std::string accessionNumber;
    std::vector<std::string> modalities;  // ModalitiesInStudy
    int numberOfSeries = -1;              // NumberOfStudyRelatedSeries; -1 when the PACS did not say
    int numberOfInstances = -1;           // NumberOfStudyRelatedInstances; -1 when the PACS did not say
};

}  // namespace cadview
