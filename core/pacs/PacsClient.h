#pragma once

#include <string>
#include <vector>

#include "pacs/DicomNode.h"
#include "pacs/PacsQuery.h"
#include "pacs/PacsRetrieve.h"
#include "pacs/PacsSender.h"

namespace cadview {

class JobContext;

// The DIMSE services cadview uses with one PACS, over DCMTK's DcmSCU: C-ECHO, C-FIND (PacsQuery), C-GET
// and C-MOVE (PacsRetrieve), C-STORE (PacsSender). Each call opens and releases its own association.
// Errors name the node ("ORTHANC@10.0.0.5:4242: association rejected (...)"). Nothing is logged, and
// no patient identifier appears in any message this code writes.
class PacsClient {
  public:
    explicit PacsClient(DicomNode node);

    const DicomNode& node() const { return node_; }

    // C-ECHO. Returns the round trip in milliseconds (association included); throws std::runtime_error
    // naming the node and the reason otherwise.
    double echo() const;

    std::vector<PatientRecord> findPatients(const QueryFilter& filter) const {
        return query_.findPatients(filter);
    }
    std::vector<StudyRecord> findStudies(const QueryFilter& filter) const {
        return query_.findStudies(filter);
    }
    std::vector<SeriesRecord> findSeries(const QueryFilter& filter) const {
        return query_.findSeries(filter);
    }

    RetrieveResult retrieve(const RetrieveRequest& request, const std::string& destination,
                            JobContext& job) const {
        return retrieve_.retrieve(request, destination, job);
    }
    PacsSender::Result send(const std::vector<std::string>& paths, JobContext& job) const {
        return sender_.send(paths, job);
    }

  private:
    DicomNode node_;
    PacsQuery query_;
    PacsRetrieve retrieve_;
    PacsSender sender_;
};

}  // namespace cadview
