#pragma once

#include <string>

namespace cadview {

// One C-FIND match at patient level, as the PACS returned it (text in UTF-8).
struct PatientRecord {
    std::string patientName;
    std::string patientId;
    std::string birthDate;     // YYYYMMDD or empty
    std::string sex;           // M, F, O or empty
    int numberOfStudies = -1;  // NumberOfPatientRelatedStudies; -1 when the PACS did not say
};

}  // namespace cadview
