#pragma once

// A real PACS for the tests: Debian's Orthanc (/usr/sbin/Orthanc) started as a child process on free
// loopback ports with a temporary configuration and storage, stopped (SIGTERM, then SIGKILL) and removed
// by the destructor. DICOM AE "ORTHANCTEST"; our AE "CADVIEWTEST" is a known modality at 127.0.0.1 and
// movePort(), so C-MOVE can reach the test's own storage SCP.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cadview::test {

class OrthancServer {
  public:
    static constexpr const char* kBinary = "/usr/sbin/Orthanc";
    static constexpr const char* kDicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
    static constexpr const char* kAeTitle = "ORTHANCTEST";
    static constexpr const char* kOurAeTitle = "CADVIEWTEST";

    struct Options {
        bool checkCalledAet = false;  // DicomCheckCalledAet
    };

    static bool installed();

    // Starts Orthanc and waits (at most 15 s) until its DICOM and HTTP ports answer. Throws
    // std::runtime_error with the end of Orthanc's log when it does not come up.
    OrthancServer();
    explicit OrthancServer(const Options& options);
    ~OrthancServer();
    OrthancServer(const OrthancServer&) = delete;
    OrthancServer& operator=(const OrthancServer&) = delete;

    int dicomPort() const { return dicomPort_; }
    int httpPort() const { return httpPort_; }
    int movePort() const { return movePort_; }  // where DicomModalities says CADVIEWTEST listens

    // GET on Orthanc's REST API (loopback, libcurl); the body, or throws on an HTTP error.
    std::string get(const std::string& path) const;
    // POST of `body` (e.g. a DICOM file's bytes to /instances); the response body, or throws.
    std::string post(const std::string& path, const std::string& body) const;
    // Stores DICOM files through the REST API (independent of our C-STORE); returns how many.
    int upload(const std::vector<std::string>& files) const;
    // "CountInstances" etc. of GET /statistics.
    int statistic(const std::string& name) const;

    // A port on 127.0.0.1 that nothing listens on right now.
    static int freePort();

  private:
    std::string log() const;
    std::string request(const std::string& path, const std::string* postBody) const;
    // Stops Orthanc (SIGTERM, SIGKILL after 0.1 s) and removes the temporary folder.
    void stop();

    std::filesystem::path dir_;
    int dicomPort_ = 0, httpPort_ = 0, movePort_ = 0;
    pid_t pid_ = -1;
};

}  // namespace cadview::test
