#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pacs/DicomNode.h"

namespace cadview {

class JobContext;

// What to fetch and how.
struct RetrieveRequest {
    std::string studyUid;     // required
    std::string seriesUid;    // empty: the whole study
    bool move = false;        // C-MOVE to our own storage SCP instead of C-GET
    std::string moveAeTitle;  // C-MOVE destination (our SCP's AE title); empty: the node's calling AE
    int movePort = 0;         // port our SCP listens on during a C-MOVE (the PACS must know AE and port)
};

struct RetrieveResult {
    std::vector<std::string> files;  // DEST/<study>/<series>/<SOPInstanceUID>.dcm, sorted
    std::size_t expected = 0;        // instances the PACS announced (C-FIND count), 0 when unknown
};

// C-GET (our SCU takes the C-STOREs on the same association) or C-MOVE (to a storage SCP we run for the
// duration) of a study or series into a local folder. Received instances go to a temporary folder inside
// the destination and are moved into place only when the retrieve succeeded completely; on failure or
// cancel nothing is left behind. Progress: JobStage::Writing, one step per instance. Cancel: a C-CANCEL
// is sent; the association is aborted when the PACS does not stop within two seconds.
class PacsRetrieve {
  public:
    explicit PacsRetrieve(DicomNode node) : node_(std::move(node)) {}

    // Throws std::invalid_argument for a bad node or request, std::runtime_error naming the node and
    // what failed, CancelledError when `job` was cancelled.
    RetrieveResult retrieve(const RetrieveRequest& request, const std::string& destination,
                            JobContext& job) const;

  private:
    DicomNode node_;
};

}  // namespace cadview
