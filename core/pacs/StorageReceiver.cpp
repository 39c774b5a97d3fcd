#include "pacs/StorageReceiver.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include <stdexcept>

#include "pacs/ScuAssociation.h"

namespace cadview {

StorageReceiver::StorageReceiver(std::string aeTitle, int port, int timeoutSeconds, Sink sink)
    : aeTitle_(std::move(aeTitle)), port_(port), sink_(std::move(sink)) {
    setAETitle(aeTitle_.c_str());
    setPort(static_cast<Uint16>(port_));
    // Non-blocking accept with a 1 s tick, so that stop() is noticed.
    setConnectionBlockingMode(DUL_NOBLOCK);
    setConnectionTimeout(1);
    setACSETimeout(static_cast<Uint32>(timeoutSeconds));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(static_cast<Uint32>(timeoutSeconds));
    setHostLookupEnabled(OFFalse);
    OFList<OFString> syntaxes;
    for (const std::string& s : ScuAssociation::storageSyntaxes())
        syntaxes.push_back(s.c_str());
    OFList<OFString> echo;
    for (const std::string& s : ScuAssociation::uncompressedSyntaxes())
        echo.push_back(s.c_str());
    addPresentationContext(UID_VerificationSOPClass, echo);
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
        addPresentationContext(dcmAllStorageSOPClassUIDs[i], syntaxes);
}

StorageReceiver::~StorageReceiver() {
    stop();
}

void StorageReceiver::start() {
    const OFCondition c = openListenPort();
    if (c.bad())
        throw std::runtime_error("cannot listen on port " + std::to_string(port_) + " for C-MOVE (" +
                                 c.text() + ")");
    thread_ = std::thread([this] { acceptAssociations(); });
}

void StorageReceiver::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void StorageReceiver::notifyAssociationAcknowledge() {
    ++associations_;
}

OFBool StorageReceiver::stopAfterConnectionTimeout() {
    return stop_.load();
}

OFBool StorageReceiver::stopAfterCurrentAssociation() {
    return stop_.load();
}

OFCondition StorageReceiver::handleIncomingCommand(T_DIMSE_Message* incomingMsg,
                                                   const DcmPresentationContextInfo& presInfo) {
    if (incomingMsg->CommandField != DIMSE_C_STORE_RQ)
        return DcmSCP::handleIncomingCommand(incomingMsg, presInfo);
    T_DIMSE_C_StoreRQ& request = incomingMsg->msg.CStoreRQ;
    DcmDataset* dataset = nullptr;
    const OFCondition c = receiveSTORERequest(request, presInfo.presentationContextID, dataset);
    if (c.bad()) {
        delete dataset;
        return c;
    }
    const std::uint16_t status = sink_(dataset);
    return sendSTOREResponse(presInfo.presentationContextID, request, status);
}

}  // namespace cadview
