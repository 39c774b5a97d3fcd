#include "pacs/ScuAssociation.h"

#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmnet/dul.h>
#include <dcmtk/oflog/oflog.h>

#include <stdexcept>

#include "io/DcmtkLog.h"

namespace cadview {

namespace {

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

const char* rejectResult(T_ASC_RejectParametersResult r) {
    return r == ASC_RESULT_REJECTEDPERMANENT ? "permanent" : "transient";
}

const char* rejectReason(T_ASC_RejectParametersReason r) {
    switch (r) {
        case ASC_REASON_SU_NOREASON:
            return "service user: no reason given";
        case ASC_REASON_SU_APPCONTEXTNAMENOTSUPPORTED:
            return "service user: application context name not supported";
        case ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED:
            return "service user: calling AE title not recognized";
        case ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED:
            return "service user: called AE title not recognized";
        case ASC_REASON_SP_ACSE_NOREASON:
            return "service provider (ACSE): no reason given";
        case ASC_REASON_SP_ACSE_PROTOCOLVERSIONNOTSUPPORTED:
            return "service provider (ACSE): protocol version not supported";
        case ASC_REASON_SP_PRES_TEMPORARYCONGESTION:
            return "service provider (presentation): temporary congestion";
        case ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED:
            return "service provider (presentation): local limit exceeded";
    }
    return "unknown reason";
}

}  // namespace

ScuAssociation::ScuAssociation(const DicomNode& node) : node_(node) {
    node_.validate();
    DcmtkLog::quiet();
    // dcmnet reports failures to us as conditions: nothing of it on the console, and nothing that
    // could carry a patient identifier.
    static const bool quietNet = [] {
        OFLog::getLogger("dcmtk.dcmnet").setLogLevel(OFLogger::OFF_LOG_LEVEL);
        return true;
    }();
    (void)quietNet;
    setAETitle(node_.callingAeTitle.c_str());
    setPeerAETitle(node_.aeTitle.c_str());
    setPeerHostName(node_.host.c_str());
    setPeerPort(static_cast<Uint16>(node_.port));
    setConnectionTimeout(node_.connectTimeout);
    setACSETimeout(static_cast<Uint32>(node_.connectTimeout));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(static_cast<Uint32>(node_.dimseTimeout));
    setMaxReceivePDULength(ASC_DEFAULTMAXPDU);
}

ScuAssociation::~ScuAssociation() {
    if (isConnected()) abort();
}

void ScuAssociation::propose(const std::string& abstractSyntax,
                             const std::vector<std::string>& transferSyntaxes, T_ASC_SC_ROLE role) {
    OFList<OFString> syntaxes;
    for (const std::string& s : transferSyntaxes)
        syntaxes.push_back(s.c_str());
    addPresentationContext(abstractSyntax.c_str(), syntaxes, role);
}

std::string ScuAssociation::message(const std::string& text) const {
    return node_.label() + ": " + text;
}

std::string ScuAssociation::conditionText(const OFCondition& condition) const {
    const std::string text = condition.text();
    const std::string port = std::to_string(node_.port);
    if (condition == DUL_ASSOCIATIONREJECTED) return "association rejected" + rejectionText();
    if (contains(text, "Connection refused"))
        return "connection refused (nothing listens on port " + port + " of " + node_.host + ")";
    if (contains(text, "timed out") || contains(text, "Timeout") || contains(text, "timeout") ||
        condition == DUL_READTIMEOUT)
        return "no answer within " + std::to_string(node_.connectTimeout) +
               " s (connection or association timeout)";
    if (contains(text, "Name or service not known") || contains(text, "unknown host") ||
        contains(text, "Temporary failure in name resolution") || contains(text, "No address"))
        return "cannot resolve the host name \"" + node_.host + "\"";
    if (contains(text, "No route to host") || contains(text, "Network is unreachable"))
        return "the host is unreachable (" + text + ")";
    if (contains(text, "PDU"))
        return "the peer does not answer in DICOM (" + text + "); is port " + port + " a DICOM port?";
    if (condition == DUL_PEERABORTEDASSOCIATION) return "the node aborted the association";
    if (condition == DUL_PEERREQUESTEDRELEASE || condition == DUL_NETWORKCLOSED)
        return "the node closed the connection";
    if (condition == DIMSE_NODATAAVAILABLE)
        return "no answer within " + std::to_string(node_.dimseTimeout) + " s (DIMSE timeout)";
    return text;
}

std::string ScuAssociation::rejectionText() const {
    // DcmSCU keeps the rejection's reason to itself: ask again on a bare association (Verification only)
    // and read the A-ASSOCIATE-RJ parameters.
    T_ASC_Network* net = nullptr;
    T_ASC_Parameters* params = nullptr;
    T_ASC_Association* assoc = nullptr;
    std::string text;
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, node_.connectTimeout, &net).good() &&
        ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU).good()) {
        ASC_setAPTitles(params, node_.callingAeTitle.c_str(), node_.aeTitle.c_str(), nullptr);
        const std::string peer = node_.host + ":" + std::to_string(node_.port);
        ASC_setPresentationAddresses(params, OFStandard::getHostName().c_str(), peer.c_str());
        const char* syntaxes[] = {UID_LittleEndianImplicitTransferSyntax};
        ASC_addPresentationContext(params, 1, UID_VerificationSOPClass, syntaxes, 1);
        const OFCondition c = ASC_requestAssociation(net, params, &assoc);
        if (c == DUL_ASSOCIATIONREJECTED) {
            T_ASC_RejectParameters rej;
            ASC_getRejectParameters(params, &rej);
            text = std::string(" (") + rejectResult(rej.result) + ", " + rejectReason(rej.reason) + ")";
        } else if (c.good()) {
            ASC_releaseAssociation(assoc);
        }
    }
    if (assoc) {
        ASC_destroyAssociation(&assoc);
    } else if (params) {
        ASC_destroyAssociationParameters(&params);
    }
    if (net) ASC_dropNetwork(&net);
    return text;
}

void ScuAssociation::open(const std::string& purpose) {
    OFCondition c = initNetwork();
    if (c.bad()) throw std::runtime_error(message("cannot set up the network (" + conditionText(c) + ")"));
    c = negotiateAssociation();
    if (c == NET_EC_NoAcceptablePresentationContexts)
        throw std::runtime_error(
            message("the node accepts none of the presentation contexts proposed for " + purpose));
    if (c.bad()) throw std::runtime_error(message(purpose + ": " + conditionText(c)));
}

T_ASC_PresentationContextID ScuAssociation::acceptedContext(const std::string& abstractSyntax,
                                                            const std::string& what) {
    const T_ASC_PresentationContextID id = findAnyPresentationContextID(abstractSyntax.c_str(), "");
    if (id == 0) {
        abort();
        throw std::runtime_error(message("the node does not accept " + what));
    }
    return id;
}

void ScuAssociation::close() {
    if (!isConnected()) return;
    if (releaseAssociation().bad() && isConnected()) abortAssociation();
}

void ScuAssociation::abort() {
    if (isConnected()) abortAssociation();
}

std::vector<std::string> ScuAssociation::uncompressedSyntaxes() {
    return {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
}

std::vector<std::string> ScuAssociation::storageSyntaxes() {
    return {UID_LittleEndianExplicitTransferSyntax,
            UID_LittleEndianImplicitTransferSyntax,
            UID_DeflatedExplicitVRLittleEndianTransferSyntax,
            UID_BigEndianExplicitTransferSyntax,
            UID_JPEGProcess14SV1TransferSyntax,
            UID_JPEGProcess14TransferSyntax,
            UID_JPEGProcess1TransferSyntax,
            UID_JPEGProcess2_4TransferSyntax,
            UID_JPEGLSLosslessTransferSyntax,
            UID_JPEGLSLossyTransferSyntax,
            UID_JPEG2000LosslessOnlyTransferSyntax,
            UID_JPEG2000TransferSyntax,
            UID_RLELosslessTransferSyntax};
}

}  // namespace cadview
