#pragma once

// Internal to core/pacs: DCMTK's DcmSCU configured from a DicomNode, with errors that name the node and
// what failed. Included by core/pacs .cpp files only (DCMTK headers stay private to core).

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmnet/scu.h>

#include <string>
#include <vector>

#include "pacs/DicomNode.h"

namespace cadview {

class ScuAssociation : public DcmSCU {
  public:
    explicit ScuAssociation(const DicomNode& node);
    ~ScuAssociation() override;

    // Adds a presentation context to propose (before open()).
    void propose(const std::string& abstractSyntax, const std::vector<std::string>& transferSyntaxes,
                 T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT);
    // Connects and negotiates the association. Throws std::runtime_error naming the node and the
    // reason: connection refused, no answer within the timeout, association rejected (and why), no
    // acceptable presentation context for `purpose` ("C-FIND", ...).
    void open(const std::string& purpose);
    // The accepted presentation context for `abstractSyntax` (in our role as SCU); throws when the
    // node accepted none, naming `what` ("Study Root C-GET").
    T_ASC_PresentationContextID acceptedContext(const std::string& abstractSyntax, const std::string& what);
    // Releases the association (aborts it when the release fails); never throws.
    void close();
    void abort();

    const DicomNode& node() const { return node_; }
    // "<AE@host:port>: <message>"
    std::string message(const std::string& text) const;
    // The text of a failed condition in words (a network error, a timeout).
    std::string conditionText(const OFCondition& condition) const;

    // Explicit and Implicit VR Little Endian: what every node accepts.
    static std::vector<std::string> uncompressedSyntaxes();
    // The uncompressed ones followed by the common compressed ones (JPEG, JPEG-LS, JPEG 2000, RLE,
    // deflate): what we accept for incoming instances, so that they arrive as stored.
    static std::vector<std::string> storageSyntaxes();

  private:
    std::string rejectionText() const;

    DicomNode node_;
};

}  // namespace cadview
