#pragma once

#include <string>

namespace cadview {

// The level a C-FIND asks at: patients (Patient Root), studies or series (Study Root).
enum class QueryLevel { Patient, Study, Series };

// Matching keys of a C-FIND. Empty fields do not filter. Text is UTF-8.
struct QueryFilter {
    std::string patientName;  // DICOM wildcards: * any run of characters, ? one character
    std::string patientId;    // exact, or with wildcards
    std::string dateFrom;     // study date range, YYYYMMDD; either end may be empty (open)
    std::string dateTo;
    std::string modality;  // ModalitiesInStudy at study level, Modality at series level
    std::string studyUid;  // StudyInstanceUID (study and series levels)

    // Empty when the filter can be sent at `level`; otherwise why not: malformed dates, a range that
    // ends before it starts, a backslash or control character in a value, a key the level lacks.
    std::string validationError(QueryLevel level) const;
    // Throws std::invalid_argument with validationError().
    void validate(QueryLevel level) const;

    // True when `studyDate` (YYYYMMDD) lies in the date range, or when there is no range. A study without
    // a date does not match a range (some PACS let it match an open-ended one).
    bool dateMatches(const std::string& studyDate) const;

    // "20040101-20041231", "20040101-", "-20041231" or "" for (0008,0020) StudyDate.
    std::string dateRange() const;
    // Splits "YYYYMMDD-YYYYMMDD", "YYYYMMDD-", "-YYYYMMDD" or "YYYYMMDD" (that day) into dateFrom and
    // dateTo. Throws std::invalid_argument on anything else.
    void setDateRange(const std::string& range);

    // True for a real calendar date written YYYYMMDD (1800-2999).
    static bool isDate(const std::string& date);
    // True for a UID: digits and single dots, 1-64 characters, no leading or trailing dot.
    static bool isUid(const std::string& uid);
    // "patient", "study" or "series"; and back (throws std::invalid_argument on other words).
    static const char* levelName(QueryLevel level);
    static QueryLevel parseLevel(const std::string& name);
};

}  // namespace cadview
