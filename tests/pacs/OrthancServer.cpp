#include "OrthancServer.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

namespace cadview::test {

namespace fs = std::filesystem;

namespace {

bool answers(int port) {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

}  // namespace

bool OrthancServer::installed() {
    return ::access(kBinary, X_OK) == 0;
}

int OrthancServer::freePort() {
    // Ask the kernel for an ephemeral port, then let it go; distinct within this process.
    static std::set<int> handedOut;
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = 0;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        int port = 0;
        if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
            ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
            port = ntohs(a.sin_port);
        ::close(s);
        if (port > 0 && handedOut.insert(port).second) return port;
    }
    throw std::runtime_error("no free loopback port");
}

OrthancServer::OrthancServer() : OrthancServer(Options{}) {}

OrthancServer::OrthancServer(const Options& options) {
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("cadview-orthanc-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(dir_ / "storage");
    dicomPort_ = freePort();
    httpPort_ = freePort();
    movePort_ = freePort();
    nlohmann::json config = {
        {"Name", "cadview-test"},
        {"StorageDirectory", (dir_ / "storage").string()},
        {"IndexDirectory", (dir_ / "storage").string()},
        {"HttpPort", httpPort_},
        {"DicomPort", dicomPort_},
        {"DicomAet", kAeTitle},
        {"RemoteAccessAllowed", false},
        {"AuthenticationEnabled", false},
        {"DicomModalities", {{"cadview", {kOurAeTitle, "127.0.0.1", movePort_}}}},
        {"DicomAlwaysAllowEcho", true},
        {"DicomAlwaysAllowStore", true},
        {"DicomCheckCalledAet", options.checkCalledAet},
        {"DicomScpTimeout", 10},
        {"StableAge", 1},
        {"ConcurrentJobs", 1},
        // Test data in a throw-away folder: no fsync per instance, no job history.
        {"SyncStorageArea", false},
        {"SaveJobs", false},
    };
    if (::access(kDicomWebPlugin, R_OK) == 0) config["Plugins"] = {kDicomWebPlugin};
    std::ofstream(dir_ / "orthanc.json") << config.dump(2);

    const std::string configPath = (dir_ / "orthanc.json").string(),
                      logPath = (dir_ / "orthanc.log").string();
    pid_ = ::fork();
    if (pid_ == 0) {
        const int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execl(kBinary, kBinary, configPath.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    if (pid_ < 0) throw std::runtime_error("cannot fork to start Orthanc");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!(answers(dicomPort_) && answers(httpPort_))) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            const std::string text = log();
            stop();
            throw std::runtime_error("Orthanc exited at start:\n" + text);
        }
        if (std::chrono::steady_clock::now() > deadline) {
            const std::string text = log();
            stop();
            throw std::runtime_error("Orthanc did not answer within 15 s:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

OrthancServer::~OrthancServer() {
    stop();
}

void OrthancServer::stop() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        // A clean shutdown takes Orthanc 3-5 s (its HTTP and DICOM servers wind down); its storage is
        // thrown away anyway, so it gets a tenth of a second before SIGKILL.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
        while (::waitpid(pid_, &status, WNOHANG) != pid_) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        pid_ = -1;
    }
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
}

std::string OrthancServer::log() const {
    std::ifstream in(dir_ / "orthanc.log");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
}

std::string OrthancServer::get(const std::string& path) const {
    return request(path, nullptr);
}

std::string OrthancServer::post(const std::string& path, const std::string& body) const {
    return request(path, &body);
}

int OrthancServer::upload(const std::vector<std::string>& files) const {
    // One connection for all (keep-alive).
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("curl_easy_init failed");
    const std::string url = "http://127.0.0.1:" + std::to_string(httpPort_) + "/instances";
    std::string answer;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    int n = 0;
    for (const std::string& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string body((std::istreambuf_iterator<char>(in)), {});
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        const CURLcode code = curl_easy_perform(curl);
        long http = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http);
        if (code != CURLE_OK || http != 200) {
            curl_easy_cleanup(curl);
            throw std::runtime_error("POST " + url + " of " + f + " failed: " + curl_easy_strerror(code) +
                                     ", HTTP " + std::to_string(http));
        }
        ++n;
    }
    curl_easy_cleanup(curl);
    return n;
}

std::string OrthancServer::request(const std::string& path, const std::string* postBody) const {
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("curl_easy_init failed");
    std::string body;
    const std::string url = "http://127.0.0.1:" + std::to_string(httpPort_) + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    if (postBody) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, postBody->data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(postBody->size()));
    }
    const CURLcode code = curl_easy_perform(curl);
    long http = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK || http != 200)
        throw std::runtime_error(std::string(postBody ? "POST " : "GET ") + url +
                                 " failed: " + curl_easy_strerror(code) + ", HTTP " + std::to_string(http));
    return body;
}

int OrthancServer::statistic(const std::string& name) const {
    return nlohmann::json::parse(get("/statistics")).at(name).get<int>();
}

}  // namespace cadview::test
