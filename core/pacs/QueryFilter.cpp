#include "pacs/QueryFilter.h"

#include <stdexcept>
#include <tuple>

namespace cadview {

namespace {

std::string textError(const std::string& value, const std::string& what, std::size_t maxLength) {
    if (value.size() > maxLength)
        return what + " is longer than " + std::to_string(maxLength) + " characters";
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\') return what + " must not contain a backslash";
        if (u < 0x20 || u == 0x7f) return what + " must not contain control characters";
    }
    return {};
}

}  // namespace

bool QueryFilter::isUid(const std::string& uid) {
    if (uid.empty() || uid.size() > 64 || uid.front() == '.' || uid.back() == '.') return false;
    for (const char c : uid)
        if (!((c >= '0' && c <= '9') || c == '.')) return false;
    return uid.find("..") == std::string::npos;
}

bool QueryFilter::isDate(const std::string& date) {
    if (date.size() != 8) return false;
    for (const char c : date)
        if (c < '0' || c > '9') return false;
    const int year = std::stoi(date.substr(0, 4)), month = std::stoi(date.substr(4, 2)),
              day = std::stoi(date.substr(6, 2));
    if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string QueryFilter::validationError(QueryLevel level) const {
    for (const auto& [value, what, max] :
         {std::tuple{&patientName, "the patient name", 64}, std::tuple{&patientId, "the patient ID", 64},
          std::tuple{&modality, "the modality", 16}})
        if (std::string e = textError(*value, what, std::size_t(max)); !e.empty()) return e;
    if (!dateFrom.empty() && !isDate(dateFrom))
        return "the start date \"" + dateFrom + "\" is not a date written YYYYMMDD";
    if (!dateTo.empty() && !isDate(dateTo))
        return "the end date \"" + dateTo + "\" is not a date written YYYYMMDD";
    if (!dateFrom.empty() && !dateTo.empty() && dateTo < dateFrom)
        return "the date range " + dateRange() + " ends before it starts";
    if (!studyUid.empty() && !isUid(studyUid))
        return "the study UID \"" + studyUid + "\" is not a UID (digits and dots, at most 64 characters)";
    if (level == QueryLevel::Patient) {
        if (!dateFrom.empty() || !dateTo.empty() || !modality.empty() || !studyUid.empty())
            return "patient-level queries match the patient name and ID only (dates, modality and "
                   "study UID need --level study or series)";
    }
    return {};
}

void QueryFilter::validate(QueryLevel level) const {
    if (std::string e = validationError(level); !e.empty()) throw std::invalid_argument(e);
}

bool QueryFilter::dateMatches(const std::string& studyDate) const {
    if (dateFrom.empty() && dateTo.empty()) return true;
    if (!isDate(studyDate)) return false;
    return (dateFrom.empty() || studyDate >= dateFrom) && (dateTo.empty() || studyDate <= dateTo);
}

std::string QueryFilter::dateRange() const {
    if (dateFrom.empty() && dateTo.empty()) return {};
    if (dateFrom == dateTo) return dateFrom;
    return dateFrom + "-" + dateTo;
}

void QueryFilter::setDateRange(const std::string& range) {
    const std::size_t dash = range.find('-');
    std::string from = range, to = range;
    if (dash != std::string::npos) {
        from = range.substr(0, dash);
        to = range.substr(dash + 1);
    }
    const bool ok = (from.empty() || isDate(from)) && (to.empty() || isDate(to)) &&
                    !(from.empty() && to.empty()) && to.find('-') == std::string::npos;
    if (!ok)
        throw std::invalid_argument("the date range \"" + range +
                                    "\" is not YYYYMMDD-YYYYMMDD, YYYYMMDD-, -YYYYMMDD or YYYYMMDD");
    dateFrom = from;
    dateTo = to;
}

const char* QueryFilter::levelName(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient:
            return "patient";
        case QueryLevel::Study:
            return "study";
        case QueryLevel::Series:
            return "series";
    }
    return "study";
}

QueryLevel QueryFilter::parseLevel(const std::string& name) {
    if (name == "patient") return QueryLevel::Patient;
    if (name == "study") return QueryLevel::Study;
    if (name == "series") return QueryLevel::Series;
    throw std::invalid_argument("the query level \"" + name + "\" is not patient, study or series");
}

}  // namespace cadview
