#include "pacs/HttpTransfer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace cadview {

namespace {

void initCurl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    HttpTransfer::Response* response;
    const HttpTransfer::ChunkCallback* onChunk;
    bool stopped = false;
};

std::size_t onHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * n);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (name == "content-type") {
            std::string value = line.substr(colon + 1);
            const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
            value.erase(value.begin(), std::find_if(value.begin(), value.end(), notSpace));
            value.erase(std::find_if(value.rbegin(), value.rend(), notSpace).base(), value.end());
            t->response->contentType = value;
        }
    }
    return size * n;
}

std::size_t onBody(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * n;
    if (t->onChunk && *t->onChunk) {
        if (!(*t->onChunk)(data, bytes, t->response->contentType)) {
            t->stopped = true;
            return 0;
        }
        return bytes;
    }
    t->response->body.append(data, bytes);
    return bytes;
}

}  // namespace

std::string HttpTransfer::escape(const std::string& text) {
    // Only what would break the query (RFC 3986 delimiters, spaces, controls, non-ASCII) is %-encoded:
    // DICOM wildcards and the PN separator stay as they are, as some servers (Orthanc 1.10's DICOMweb
    // plugin) match the raw text without decoding it.
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep =
            std::isalnum(u) || std::string_view("-._~*?^,:@!$'()").find(c) != std::string_view::npos;
        if (keep) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

HttpTransfer::Response HttpTransfer::get(const std::string& url, const std::vector<std::string>& headers,
                                         const ChunkCallback& onChunk) const {
    return perform(url, headers, nullptr, onChunk);
}

HttpTransfer::Response HttpTransfer::post(const std::string& url, const std::vector<std::string>& headers,
                                          const std::string& body) const {
    return perform(url, headers, &body, {});
}

HttpTransfer::Response HttpTransfer::perform(const std::string& url, const std::vector<std::string>& headers,
                                             const std::string* postBody,
                                             const ChunkCallback& onChunk) const {
    initCurl();
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("libcurl cannot be initialised");
    Response response;
    // Only a successful response goes to the chunk callback; an error body is kept for the message.
    ChunkCallback filtered;
    if (onChunk)
        filtered = [&](const char* data, std::size_t size, const std::string& type) {
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            if (status >= 300) {
                response.body.append(data, size);
                return true;
            }
            return onChunk(data, size, type);
        };
    Transfer transfer{&response, &filtered};
    curl_slist* list = nullptr;
    for (const std::string& h : headers)
        list = curl_slist_append(list, h.c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeoutSeconds_));
    // No overall limit (a study may take long); a transfer that stalls for the timeout is ended.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max(timeoutSeconds_, 1)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (postBody) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, postBody->data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(postBody->size()));
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    if (transfer.stopped) throw StoppedError();
    if (code != CURLE_OK) {
        std::string reason = error[0] ? error : curl_easy_strerror(code);
        if (code == CURLE_COULDNT_CONNECT) reason = "connection refused or unreachable (" + reason + ")";
        if (code == CURLE_OPERATION_TIMEDOUT)
            reason = "no answer within " + std::to_string(timeoutSeconds_) + " s (" + reason + ")";
        throw std::runtime_error(url + ": " + reason);
    }
    return response;
}

}  // namespace cadview
