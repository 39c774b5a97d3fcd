#include "pacs/DicomNode.h"

#include <stdexcept>

namespace cadview {

std::string DicomNode::label() const {
    return aeTitle + "@" + host + ":" + std::to_string(port);
}

std::string DicomNode::aeTitleError(const std::string& title, const std::string& what) {
    if (title.empty()) return what + " is empty";
    if (title.size() > 16)
        return what + " \"" + title + "\" is " + std::to_string(title.size()) +
               " characters long (at most 16)";
    if (title.find_first_not_of(' ') == std::string::npos) return what + " is only spaces";
    for (const char c : title) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\') return what + " must not contain a backslash";
        if (u < 0x20 || u == 0x7f) return what + " must not contain control characters";
        if (u > 0x7e) return what + " must be plain ASCII (the DICOM default character repertoire)";
    }
    return {};
}

std::string DicomNode::validationError() const {
    if (std::string e = aeTitleError(aeTitle, "the called AE title"); !e.empty()) return e;
    if (std::string e = aeTitleError(callingAeTitle, "the calling AE title"); !e.empty()) return e;
    if (host.empty()) return "the host is empty";
    // DCMTK keeps "host:port" in 64 bytes.
    if (host.size() > 57) return "the host name is longer than 57 characters";
    for (const char c : host)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '/' || c == '\\')
            return "the host \"" + host + "\" contains a space, slash or control character";
    if (port < 1 || port > 65535) return "the port " + std::to_string(port) + " is out of range (1-65535)";
    if (connectTimeout < 1 || connectTimeout > 3600)
        return "the connection timeout must be 1-3600 seconds (got " + std::to_string(connectTimeout) + ")";
    if (dimseTimeout < 1 || dimseTimeout > 86400)
        return "the DIMSE timeout must be 1-86400 seconds (got " + std::to_string(dimseTimeout) + ")";
    return {};
}

void DicomNode::validate() const {
    if (std::string e = validationError(); !e.empty()) throw std::invalid_argument(e);
}

}  // namespace cadview
