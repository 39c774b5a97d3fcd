#pragma once

#include <string>
#include <vector>

#include "pacs/DicomNode.h"
#include "pacs/PatientRecord.h"
#include "pacs/QueryFilter.h"
#include "pacs/SeriesRecord.h"
#include "pacs/StudyRecord.h"

namespace cadview {

class JobContext;

// C-FIND: patients (Patient Root), studies and series (Study Root), one association per query. Each
// call validates the node and the filter first (std::invalid_argument), and throws std::runtime_error
// naming the node when the association fails or the final status is not success. `job` may be null;
// when given, its cancel request sends a C-CANCEL and the call throws CancelledError. With a date range,
// only studies (and their series) whose StudyDate lies in it are returned, whatever the PACS's matching
// of studies without a date.
class PacsQuery {
  public:
    explicit PacsQuery(DicomNode node) : node_(std::move(node)) {}

    std::vector<PatientRecord> findPatients(const QueryFilter& filter, JobContext* job = nullptr) const;
    std::vector<StudyRecord> findStudies(const QueryFilter& filter, JobContext* job = nullptr) const;
    std::vector<SeriesRecord> findSeries(const QueryFilter& filter, JobContext* job = nullptr) const;

    // One C-FIND response data set as DIMSE carries it (implicit VR little endian bytes), read as each
    // level's record: what the queries do with every response (and what fuzz_pacs_replies feeds).
    // std::runtime_error when DCMTK cannot decode the bytes.
    struct ResponseRecords {
        PatientRecord patient;
        StudyRecord study;
        SeriesRecord series;
    };
    static ResponseRecords fromResponseBytes(const std::string& bytes);

  private:
    DicomNode node_;
};

}  // namespace cadview
