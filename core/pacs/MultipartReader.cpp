#include "pacs/MultipartReader.h"

#include <algorithm>
#include <cctype>

namespace cadview {

MultipartReader::MultipartReader(std::string boundary, PartCallback onPart)
    : delimiter_("--" + std::move(boundary)), onPart_(std::move(onPart)) {}

std::string MultipartReader::boundaryOf(const std::string& contentType) {
    std::string lower = contentType;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::size_t at = lower.find("boundary=");
    if (at == std::string::npos) return {};
    at += 9;
    if (at < contentType.size() && contentType[at] == '"') {
        const std::size_t end = contentType.find('"', at + 1);
        return end == std::string::npos ? std::string() : contentType.substr(at + 1, end - at - 1);
    }
    const std::size_t end = contentType.find_first_of("; \t", at);
    return contentType.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

bool MultipartReader::feed(const char* data, std::size_t size) {
    if (finished_) return true;
    buffer_.append(data, size);
    return parse();
}

bool MultipartReader::parse() {
    if (!started_) {
        // The preamble ends at the first delimiter line.
        const std::size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) return true;
        const std::size_t eol = buffer_.find("\r\n", at);
        if (eol == std::string::npos) return true;
        buffer_.erase(0, eol + 2);
        started_ = true;
    }
    const std::string next = "\r\n" + delimiter_;
    while (!finished_) {
        // A part: headers, an empty line, the body up to CRLF + delimiter.
        const std::size_t end = buffer_.find(next, scanFrom_);
        if (end == std::string::npos) {
            // Look again only where a delimiter could now end: the body is scanned once.
            scanFrom_ = buffer_.size() > next.size() ? buffer_.size() - next.size() : 0;
            return true;
        }
        const std::size_t after = end + next.size();
        if (buffer_.size() < after + 2) return true;  // need "--" or CRLF after the delimiter
        std::string headers, body;
        const std::size_t blank = buffer_.find("\r\n\r\n");
        if (buffer_.compare(0, 2, "\r\n") == 0) {
            body = buffer_.substr(2, end - 2);  // no headers
        } else if (blank != std::string::npos && blank < end) {
            headers = buffer_.substr(0, blank);
            body = buffer_.substr(blank + 4, end - blank - 4);
        } else {
            body = buffer_.substr(0, end);
        }
        const bool closing = buffer_.compare(after, 2, "--") == 0;
        const std::size_t eol = buffer_.find("\r\n", after);
        buffer_.erase(0, eol == std::string::npos ? buffer_.size() : eol + 2);
        scanFrom_ = 0;
        ++parts_;
        if (closing) finished_ = true;
        if (!onPart_(headers, body)) return false;
    }
    return true;
}

}  // namespace cadview
