#include "pacs/PacsClient.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcuid.h>

#include <chrono>
#include <stdexcept>

#include "pacs/DimseStatus.h"
#include "pacs/ScuAssociation.h"

namespace cadview {

PacsClient::PacsClient(DicomNode node)
    : node_(std::move(node)), query_(node_), retrieve_(node_), sender_(node_) {}

double PacsClient::echo() const {
    node_.validate();
    const auto start = std::chrono::steady_clock::now();
    ScuAssociation scu(node_);
    scu.propose(UID_VerificationSOPClass, ScuAssociation::uncompressedSyntaxes());
    scu.open("C-ECHO");
    const T_ASC_PresentationContextID id =
        scu.acceptedContext(UID_VerificationSOPClass, "Verification (C-ECHO)");
    const OFCondition c = scu.sendECHORequest(id);
    if (c.bad()) {
        scu.abort();
        throw std::runtime_error(scu.message("C-ECHO failed: " + scu.conditionText(c)));
    }
    scu.close();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace cadview
