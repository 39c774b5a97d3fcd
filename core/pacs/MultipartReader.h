#pragma once

// Internal to core/pacs: reads a multipart/related body (RFC 2046) as it arrives, handing over each part's
// body as soon as it is complete; at most one part is held in memory.

#include <functional>
#include <string>

namespace cadview {

class MultipartReader {
  public:
    // Gets each part's headers (raw, "Content-Type: ..." lines) and body; returns false to stop.
    using PartCallback = std::function<bool(const std::string& headers, std::string& body)>;

    MultipartReader(std::string boundary, PartCallback onPart);

    // Feeds the next bytes. Returns false when the callback asked to stop.
    bool feed(const char* data, std::size_t size);
    // True once the closing delimiter was read.
    bool finished() const { return finished_; }
    std::size_t parts() const { return parts_; }

    // The boundary parameter of a multipart Content-Type header value (quotes removed); empty when none.
    static std::string boundaryOf(const std::string& contentType);

  private:
    bool parse();

    std::string delimiter_;  // "--" + boundary
    PartCallback onPart_;
    std::string buffer_;
    std::size_t scanFrom_ = 0;  // where the search for the next delimiter resumes
    bool started_ = false;      // the first delimiter was seen
    bool finished_ = false;
    std::size_t parts_ = 0;
};

}  // namespace cadview
