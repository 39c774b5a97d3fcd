#pragma once

#include <string>
#include <vector>

#include "pacs/PacsRetrieve.h"
#include "pacs/PacsSender.h"
#include "pacs/QueryFilter.h"
#include "pacs/SeriesRecord.h"
#include "pacs/StudyRecord.h"

namespace cadview {

class JobContext;

// The DICOMweb side of a PACS, over libcurl: QIDO-RS study and series search, WADO-RS retrieve of a study
// or series (multipart/related; type="application/dicom", read part by part as it arrives), STOW-RS send.
// Same results, destination layout (DEST/<study>/<series>/<sop>.dcm, moved into place only when complete)
// and per-file send status as the DIMSE classes. Errors name the URL and the HTTP status.
class DicomWebClient {
  public:
    // `baseUrl`: the DICOMweb root, e.g. http://pacs:8042/dicom-web (a trailing slash is dropped).
    // Throws std::invalid_argument when it is not an http:// or https:// URL.
    explicit DicomWebClient(std::string baseUrl, int timeoutSeconds = 30);

    const std::string& baseUrl() const { return baseUrl_; }

    // QIDO-RS GET {base}/studies and {base}/series (or {base}/studies/{uid}/series). Patient level has
    // no QIDO-RS resource: findPatients is not offered.
    std::vector<StudyRecord> findStudies(const QueryFilter& filter) const;
    std::vector<SeriesRecord> findSeries(const QueryFilter& filter) const;

    // A QIDO-RS answer (a DICOM JSON array) as records, those outside the filter's dates left out;
    // std::runtime_error when it is not a JSON array. What findStudies / findSeries do with the body
    // (and what fuzz_pacs_replies feeds).
    static std::vector<StudyRecord> studiesFromJson(const std::string& body, const QueryFilter& filter);
    static std::vector<SeriesRecord> seriesFromJson(const std::string& body, const QueryFilter& filter);

    // WADO-RS of request.studyUid (and seriesUid); `move` and the port are ignored. Progress:
    // JobStage::Writing per instance; cancel stops the transfer; nothing is left behind on failure.
    RetrieveResult retrieve(const RetrieveRequest& request, const std::string& destination,
                            JobContext& job) const;

    // STOW-RS POST {base}/studies, a few files per request. Per-file status from the response's
    // Referenced / Failed SOP Sequences (status = the Failure Reason).
    PacsSender::Result send(const std::vector<std::string>& paths, JobContext& job) const;

  private:
    std::string baseUrl_;
    int timeoutSeconds_;
};

}  // namespace cadview
