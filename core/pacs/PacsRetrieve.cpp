#include "pacs/PacsRetrieve.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "jobs/JobContext.h"
#include "pacs/DimseStatus.h"
#include "pacs/PacsQuery.h"
#include "pacs/RetrieveStaging.h"
#include "pacs/ScuAssociation.h"
#include "pacs/StorageReceiver.h"

namespace cadview {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kCancelGrace = std::chrono::seconds(2);  // after a C-CANCEL, then the association is aborted
constexpr std::uint16_t kRefused = 0xA700;              // C-STORE "Refused: Out of resources"
constexpr std::uint16_t kNotRequested = 0xC000;         // C-STORE "Error: Cannot understand"

// What the C-STORE handlers (either thread) and the retrieve loop share.
class RetrieveState {
  public:
    RetrieveState(JobContext& job, RetrieveStaging& staging, const RetrieveRequest& request)
        : job_(job), staging_(staging), request_(request) {}

    // The C-STORE status to answer an incoming instance with; stores it unless the retrieve is stopping.
    std::uint16_t accept(DcmDataset* dataset) {
        if (stopping()) {
            delete dataset;
            noteStop();
            return kRefused;
        }
        if (!requested(dataset)) {
            // Our C-MOVE SCP listens to anyone while it runs: what is not the study or series asked for
            // is refused, never written into the destination.
            delete dataset;
            return kNotRequested;
        }
        const std::string error = staging_.store(dataset);
        if (!error.empty()) {
            std::lock_guard lock(mutex_);
            if (localError_.empty()) localError_ = error;
            return kRefused;
        }
        job_.advance(1);
        return 0x0000;
    }

    // Cancel requested or a local error: refuse what still comes and tell the PACS to stop.
    bool stopping() const {
        if (job_.cancelled()) return true;
        std::lock_guard lock(mutex_);
        return !localError_.empty();
    }
    // True once the PACS had its grace period to stop after we asked it to.
    bool graceOver() {
        noteStop();
        std::lock_guard lock(mutex_);
        return Clock::now() - stopNoticed_ > kCancelGrace;
    }
    std::string localError() const {
        std::lock_guard lock(mutex_);
        return localError_;
    }

    std::atomic<bool> cancelSent{false};
    std::atomic<bool> abortNeeded{false};
    bool finalReceived = false;
    std::uint16_t finalStatus = 0xFFFF;
    unsigned completed = 0, failed = 0, warnings = 0;

    void noteFinal(const RetrieveResponse& r) {
        finalReceived = true;
        finalStatus = r.m_status;
        completed = r.m_numberOfCompletedSubops;
        failed = r.m_numberOfFailedSubops;
        warnings = r.m_numberOfWarningSubops;
    }

  private:
    bool requested(DcmDataset* dataset) const {
        if (!dataset) return false;
        OFString study, series;
        dataset->findAndGetOFString(DCM_StudyInstanceUID, study);
        dataset->findAndGetOFString(DCM_SeriesInstanceUID, series);
        return study == request_.studyUid.c_str() &&
               (request_.seriesUid.empty() || series == request_.seriesUid.c_str());
    }

    void noteStop() {
        std::lock_guard lock(mutex_);
        if (stopNoticed_ == Clock::time_point{}) stopNoticed_ = Clock::now();
    }

    JobContext& job_;
    RetrieveStaging& staging_;
    const RetrieveRequest& request_;
    mutable std::mutex mutex_;
    std::string localError_;
    Clock::time_point stopNoticed_{};
};

// C-GET: the instances come as C-STORE requests on our own association.
class GetScu : public ScuAssociation {
  public:
    GetScu(const DicomNode& node, RetrieveState& state) : ScuAssociation(node), state_(state) {}
    T_ASC_PresentationContextID getContext = 0;

  protected:
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset* incomingObject,
                                   OFBool& continueCGETSession, Uint16& cStoreReturnStatus) override {
        cStoreReturnStatus = state_.accept(incomingObject);
        if (state_.stopping() && state_.graceOver()) {
            continueCGETSession = OFFalse;
            state_.abortNeeded = true;
        }
        return EC_Normal;
    }

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                   OFBool& continueCGETSession) override {
        continueCGETSession = OFFalse;
        if (!response) return DIMSE_NULLKEY;
        if (!DimseStatus::isPending(response->m_status)) {
            state_.noteFinal(*response);
            return EC_Normal;
        }
        continueCGETSession = OFTrue;
        if (state_.stopping()) {
            // Between sub-operations: where a C-GET SCP looks for a C-CANCEL.
            if (!state_.cancelSent.exchange(true)) sendCANCELRequest(presID);
            if (state_.graceOver()) {
                continueCGETSession = OFFalse;
                state_.abortNeeded = true;
            }
        }
        return EC_Normal;
    }

  private:
    RetrieveState& state_;
};

// C-MOVE: the instances go to our StorageReceiver; this association only carries the responses.
class MoveScu : public ScuAssociation {
  public:
    MoveScu(const DicomNode& node, RetrieveState& state) : ScuAssociation(node), state_(state) {}

  protected:
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                   OFBool& waitForNextResponse) override {
        waitForNextResponse = OFFalse;
        if (!response) return DIMSE_NULLKEY;
        if (!DimseStatus::isPending(response->m_status)) {
            state_.noteFinal(*response);
            return EC_Normal;
        }
        waitForNextResponse = OFTrue;
        if (state_.stopping()) {
            if (!state_.cancelSent.exchange(true)) sendCANCELRequest(presID);
            if (state_.graceOver()) {
                waitForNextResponse = OFFalse;
                state_.abortNeeded = true;
            }
        }
        return EC_Normal;
    }

  private:
    RetrieveState& state_;
};

// The number of instances the PACS holds for the request (0 when it does not say); throws when the
// study or series is not there.
std::size_t expectedInstances(const DicomNode& node, const RetrieveRequest& request,
                              const std::string& label) {
    PacsQuery query(node);
    QueryFilter filter;
    filter.studyUid = request.studyUid;
    if (request.seriesUid.empty()) {
        const std::vector<StudyRecord> studies = query.findStudies(filter);
        if (studies.empty())
            throw std::runtime_error(label + ": no study " + request.studyUid +
                                     " on the node (C-FIND found none)");
        return std::size_t(std::max(0, studies.front().numberOfInstances));
    }
    for (const SeriesRecord& s : query.findSeries(filter))
        if (s.seriesUid == request.seriesUid) return std::size_t(std::max(0, s.numberOfInstances));
    throw std::runtime_error(label + ": no series " + request.seriesUid + " in study " + request.studyUid +
                             " on the node (C-FIND found none)");
}

void validate(const DicomNode& node, const RetrieveRequest& request, const std::string& destination) {
    node.validate();
    if (request.studyUid.empty()) throw std::invalid_argument("a retrieve needs a study UID");
    if (!QueryFilter::isUid(request.studyUid))
        throw std::invalid_argument("the study UID \"" + request.studyUid + "\" is not a UID");
    if (!request.seriesUid.empty() && !QueryFilter::isUid(request.seriesUid))
        throw std::invalid_argument("the series UID \"" + request.seriesUid + "\" is not a UID");
    if (destination.empty()) throw std::invalid_argument("a retrieve needs an output folder");
    if (request.move) {
        if (request.movePort < 1 || request.movePort > 65535)
            throw std::invalid_argument("C-MOVE needs the port our storage SCP listens on (1-65535), got " +
                                        std::to_string(request.movePort));
        if (!request.moveAeTitle.empty())
            if (std::string e =
                    DicomNode::aeTitleError(request.moveAeTitle, "the C-MOVE destination AE title");
                !e.empty())
                throw std::invalid_argument(e);
    }
}

DcmDataset retrieveKeys(const RetrieveRequest& request) {
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, request.seriesUid.empty() ? "STUDY" : "SERIES");
    keys.putAndInsertString(DCM_StudyInstanceUID, request.studyUid.c_str());
    if (!request.seriesUid.empty()) keys.putAndInsertString(DCM_SeriesInstanceUID, request.seriesUid.c_str());
    return keys;
}

// Throws unless the retrieve ended with every instance received.
void checkOutcome(const ScuAssociation& scu, const RetrieveState& state, DimseStatus::Service service,
                  const OFCondition& condition, std::size_t received, const std::string& hint) {
    const std::string name = DimseStatus::serviceName(service);
    if (const std::string local = state.localError(); !local.empty())
        throw std::runtime_error(scu.message(name + " stopped: " + local));
    if (condition.bad())
        throw std::runtime_error(scu.message(name + " failed: " + scu.conditionText(condition)));
    if (!state.finalReceived) throw std::runtime_error(scu.message(name + " ended without a final response"));
    if (!DimseStatus::isSuccess(state.finalStatus)) {
        std::string text = name + " failed with status " + DimseStatus::describe(service, state.finalStatus);
        if (state.failed > 0 || state.warnings > 0)
            text += "; " + std::to_string(state.failed) + " sub-operations failed, " +
                    std::to_string(state.warnings) + " with warnings, " + std::to_string(state.completed) +
                    " completed";
        // 0xA801 is "move destination unknown"; some PACS (Orthanc) answer 0xC000 for that too.
        if (received == 0) text += hint;
        throw std::runtime_error(scu.message(text));
    }
    if (received == 0)
        throw std::runtime_error(scu.message(name + " succeeded but no instance arrived" + hint));
    if (state.completed > received)
        throw std::runtime_error(scu.message(name + ": only " + std::to_string(received) + " of " +
                                             std::to_string(state.completed) + " instances arrived"));
}

}  // namespace

RetrieveResult PacsRetrieve::retrieve(const RetrieveRequest& request, const std::string& destination,
                                      JobContext& job) const {
    validate(node_, request, destination);
    job.setStage(JobStage::Starting, 0);
    RetrieveResult result;
    result.expected = expectedInstances(node_, request, node_.label());
    job.throwIfCancelled();

    RetrieveStaging staging(destination);
    RetrieveState state(job, staging, request);
    DcmDataset keys = retrieveKeys(request);
    job.setStage(JobStage::Writing, result.expected);

    if (!request.move) {
        GetScu scu(node_, state);
        scu.propose(UID_GETStudyRootQueryRetrieveInformationModel, ScuAssociation::uncompressedSyntaxes());
        // We take the storage SCP role on this association for every common storage SOP class.
        for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs; ++i)
            scu.propose(dcmLongSCUStorageSOPClassUIDs[i], ScuAssociation::storageSyntaxes(), ASC_SC_ROLE_SCP);
        scu.open("Study Root C-GET");
        const T_ASC_PresentationContextID id =
            scu.acceptedContext(UID_GETStudyRootQueryRetrieveInformationModel, "Study Root C-GET");
        const OFCondition c = scu.sendCGETRequest(id, &keys, nullptr);
        if (state.abortNeeded || c.bad())
            scu.abort();
        else
            scu.close();
        job.throwIfCancelled();
        checkOutcome(scu, state, DimseStatus::Service::Get, c, staging.count(), "");
    } else {
        const std::string ourAe = request.moveAeTitle.empty() ? node_.callingAeTitle : request.moveAeTitle;
        StorageReceiver receiver(ourAe, request.movePort, node_.dimseTimeout,
                                 [&state](DcmDataset* d) { return state.accept(d); });
        receiver.start();
        MoveScu scu(node_, state);
        scu.propose(UID_MOVEStudyRootQueryRetrieveInformationModel, ScuAssociation::uncompressedSyntaxes());
        scu.open("Study Root C-MOVE");
        const T_ASC_PresentationContextID id =
            scu.acceptedContext(UID_MOVEStudyRootQueryRetrieveInformationModel, "Study Root C-MOVE");
        const OFCondition c = scu.sendMOVERequest(id, ourAe.c_str(), &keys, nullptr);
        if (state.abortNeeded || c.bad())
            scu.abort();
        else
            scu.close();
        receiver.stop();
        job.throwIfCancelled();
        const std::string hint = " (does the node know the destination " + ourAe + " at this host, port " +
                                 std::to_string(request.movePort) + "?)";
        checkOutcome(scu, state, DimseStatus::Service::Move, c, staging.count(), hint);
    }

    job.setStage(JobStage::Finishing, 0);
    result.files = staging.commit();
    return result;
}

}  // namespace cadview
