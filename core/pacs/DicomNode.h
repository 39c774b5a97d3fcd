#pragma once

#include <string>

namespace cadview {

// A DICOM application entity on the network (a PACS, a modality, a workstation) as we reach it: the
// called AE title, host and port, the calling AE title we introduce ourselves with, and how long we
// wait. Plain data: validate() before use.
struct DicomNode {
    std::string aeTitle;                     // the peer's (called) AE title
    std::string host;                        // name or IP address
    int port = 104;                          // TCP port, 1..65535
    std::string callingAeTitle = "CADVIEW";  // ours
    int connectTimeout = 4;                  // seconds for TCP connect and association negotiation: an
                                             // unreachable node fails within 5 s
    int dimseTimeout = 60;                   // seconds to wait for each DIMSE message

    // "ORTHANC@127.0.0.1:4242": how every message names the node.
    std::string label() const;

    // Empty when the node is usable; otherwise a sentence naming the bad field and the rule it breaks.
    std::string validationError() const;
    // Throws std::invalid_argument with validationError() when it is not empty.
    void validate() const;

    // Empty when `title` is a valid AE title (1-16 characters of the default character repertoire, no
    // backslash, no control characters, not only spaces); otherwise why not, starting with `what`.
    static std::string aeTitleError(const std::string& title, const std::string& what);
};

}  // namespace cadview
