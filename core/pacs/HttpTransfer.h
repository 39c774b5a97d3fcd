#pragma once

// Internal to core/pacs: one HTTP request over libcurl, for DICOMweb. The body arrives in chunks (so a
// WADO-RS response is never held whole) and the caller can stop the transfer from the chunk callback.

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cadview {

class HttpTransfer {
  public:
    struct Response {
        long status = 0;          // HTTP status code
        std::string contentType;  // the Content-Type header
        std::string body;         // the body, unless a chunk callback took it
    };
    // Returns false to stop the transfer (the request then throws StoppedError).
    using ChunkCallback =
        std::function<bool(const char* data, std::size_t size, const std::string& contentType)>;

    class StoppedError : public std::runtime_error {
      public:
        StoppedError() : std::runtime_error("transfer stopped") {}
    };

    explicit HttpTransfer(int timeoutSeconds) : timeoutSeconds_(timeoutSeconds) {}

    // GET with the given headers ("Accept: ..."). Throws std::runtime_error naming the URL when the
    // server cannot be reached or the transfer fails (not for HTTP error statuses: see Response).
    Response get(const std::string& url, const std::vector<std::string>& headers,
                 const ChunkCallback& onChunk = {}) const;
    // POST of `body` with the given headers ("Content-Type: ...").
    Response post(const std::string& url, const std::vector<std::string>& headers,
                  const std::string& body) const;

    // `text` %-encoded for a URL query value (reserved characters, spaces, controls and non-ASCII only).
    static std::string escape(const std::string& text);

  private:
    Response perform(const std::string& url, const std::vector<std::string>& headers,
                     const std::string* postBody, const ChunkCallback& onChunk) const;

    int timeoutSeconds_;
};

}  // namespace cadview
