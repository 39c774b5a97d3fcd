#include "pacs/DicomWebClient.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include "io/Deidentifier.h"
#include "jobs/JobContext.h"
#include "pacs/HttpTransfer.h"
#include "pacs/MultipartReader.h"
#include "pacs/RetrieveStaging.h"

namespace cadview {

namespace {

using nlohmann::json;

constexpr std::size_t kStowBytesPerRequest = 64u << 20;  // a STOW-RS request carries about this much
constexpr const char* kDicomJson = "Accept: application/dicom+json";

// The value(s) of attribute `tag` ("0020000D") of a DICOM JSON object as text; several joined by "\".
std::string jsonText(const json& object, const char* tag) {
    const auto attribute = object.find(tag);
    if (attribute == object.end() || !attribute->is_object()) return {};
    const auto values = attribute->find("Value");
    if (values == attribute->end() || !values->is_array()) return {};
    std::string out;
    for (const json& v : *values) {
        if (!out.empty()) out += "\\";
        if (v.is_string())
            out += v.get<std::string>();
        else if (v.is_number_integer())
            out += std::to_string(v.get<long long>());
        else if (v.is_number())
            out += std::to_string(v.get<double>());
        else if (v.is_object() && v.contains("Alphabetic") && v["Alphabetic"].is_string())
            out += v["Alphabetic"].get<std::string>();
    }
    return out;
}

int jsonNumber(const json& object, const char* tag) {
    const std::string s = jsonText(object, tag);
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return -1;
    try {
        return std::stoi(s);
    } catch (const std::exception&) {
        return -1;
    }
}

std::vector<std::string> splitValues(const std::string& values) {
    std::vector<std::string> out;
    std::stringstream in(values);
    for (std::string v; std::getline(in, v, '\\');)
        if (!v.empty()) out.push_back(v);
    return out;
}

std::string httpError(const std::string& url, const HttpTransfer::Response& r) {
    std::string text = url + ": HTTP " + std::to_string(r.status);
    if (r.status == 404) text += " (not found)";
    if (r.status == 400) text += " (bad request)";
    if (r.status == 406) text += " (the server cannot send the requested media type)";
    if (r.status == 409) text += " (conflict: nothing stored)";
    if (r.status == 415) text += " (unsupported media type)";
    std::string detail = r.body.substr(0, 200);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r'))
        detail.pop_back();
    if (!detail.empty() && detail.find('\0') == std::string::npos) text += ": " + detail;
    return text;
}

// GET returning a DICOM JSON array (QIDO-RS); 204 No Content is an empty result.
// The body of a QIDO-RS answer ("" for 204 No Content).
std::string getJson(const HttpTransfer& http, const std::string& url) {
    const HttpTransfer::Response r = http.get(url, {kDicomJson});
    if (r.status == 204) return "[]";
    if (r.status != 200) throw std::runtime_error(httpError(url, r));
    return r.body;
}

json jsonArray(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_array()) throw std::runtime_error("the answer is not a DICOM JSON array");
    return j;
}

void addParam(std::string& query, const char* key, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "?" : "&") + std::string(key) + "=" + HttpTransfer::escape(value);
}

std::string metaString(DcmMetaInfo& meta, const DcmTagKey& tag) {
    OFString value;
    meta.findAndGetOFString(tag, value);
    return value.c_str();
}

}  // namespace

DicomWebClient::DicomWebClient(std::string baseUrl, int timeoutSeconds)
    : baseUrl_(std::move(baseUrl)), timeoutSeconds_(timeoutSeconds) {
    while (!baseUrl_.empty() && baseUrl_.back() == '/')
        baseUrl_.pop_back();
    if (baseUrl_.rfind("http://", 0) != 0 && baseUrl_.rfind("https://", 0) != 0)
        throw std::invalid_argument("the DICOMweb URL \"" + baseUrl_ +
                                    "\" does not start with http:// or https://");
    if (baseUrl_.find_first_of(" \t\r\n") != std::string::npos)
        throw std::invalid_argument("the DICOMweb URL must not contain spaces");
    if (timeoutSeconds_ < 1) throw std::invalid_argument("the DICOMweb timeout must be at least 1 s");
}

std::vector<StudyRecord> DicomWebClient::findStudies(const QueryFilter& filter) const {
    filter.validate(QueryLevel::Study);
    std::string query;
    addParam(query, "PatientName", filter.patientName);
    addParam(query, "PatientID", filter.patientId);
    addParam(query, "StudyDate", filter.dateRange());
    addParam(query, "ModalitiesInStudy", filter.modality);
    addParam(query, "StudyInstanceUID", filter.studyUid);
    for (const char* field : {"00081030", "00080050", "00100030", "00080061", "00201206", "00201208"})
        addParam(query, "includefield", field);
    const std::string url = baseUrl_ + "/studies" + query;
    try {
        return studiesFromJson(getJson(HttpTransfer(timeoutSeconds_), url), filter);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string(e.what()).rfind(url, 0) == 0 ? e.what() : url + ": " + e.what());
    }
}

std::vector<StudyRecord> DicomWebClient::studiesFromJson(const std::string& body, const QueryFilter& filter) {
    std::vector<StudyRecord> out;
    for (const json& d : jsonArray(body)) {
        StudyRecord r;
        r.studyDate = jsonText(d, "00080020");
        if (!filter.dateMatches(r.studyDate)) continue;
        r.patientName = jsonText(d, "00100010");
        r.patientId = jsonText(d, "00100020");
        r.birthDate = jsonText(d, "00100030");
        r.studyUid = jsonText(d, "0020000D");
        r.studyTime = jsonText(d, "00080030");
        r.description = jsonText(d, "00081030");
        r.accessionNumber = jsonText(d, "00080050");
        r.modalities = splitValues(jsonText(d, "00080061"));
        r.numberOfSeries = jsonNumber(d, "00201206");
        r.numberOfInstances = jsonNumber(d, "00201208");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<SeriesRecord> DicomWebClient::findSeries(const QueryFilter& filter) const {
    filter.validate(QueryLevel::Series);
    std::string query;
    addParam(query, "PatientName", filter.patientName);
    addParam(query, "PatientID", filter.patientId);
    addParam(query, "StudyDate", filter.dateRange());
    addParam(query, "Modality", filter.modality);
    for (const char* field : {"0008103E", "00200011", "00201209", "00080020", "0020000D"})
        addParam(query, "includefield", field);
    const std::string url = filter.studyUid.empty()
                                ? baseUrl_ + "/series" + query
                                : baseUrl_ + "/studies/" + filter.studyUid + "/series" + query;
    try {
        return seriesFromJson(getJson(HttpTransfer(timeoutSeconds_), url), filter);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string(e.what()).rfind(url, 0) == 0 ? e.what() : url + ": " + e.what());
    }
}

std::vector<SeriesRecord> DicomWebClient::seriesFromJson(const std::string& body, const QueryFilter& filter) {
    std::vector<SeriesRecord> out;
    for (const json& d : jsonArray(body)) {
        if (!filter.dateMatches(jsonText(d, "00080020"))) continue;
        SeriesRecord r;
        r.studyUid = jsonText(d, "0020000D");
        if (r.studyUid.empty()) r.studyUid = filter.studyUid;
        r.seriesUid = jsonText(d, "0020000E");
        r.seriesNumber = jsonText(d, "00200011");
        r.modality = jsonText(d, "00080060");
        r.description = jsonText(d, "0008103E");
        r.numberOfInstances = jsonNumber(d, "00201209");
        out.push_back(std::move(r));
    }
    return out;
}

RetrieveResult DicomWebClient::retrieve(const RetrieveRequest& request, const std::string& destination,
                                        JobContext& job) const {
    if (!QueryFilter::isUid(request.studyUid))
        throw std::invalid_argument("the study UID \"" + request.studyUid + "\" is not a UID");
    if (!request.seriesUid.empty() && !QueryFilter::isUid(request.seriesUid))
        throw std::invalid_argument("the series UID \"" + request.seriesUid + "\" is not a UID");
    if (destination.empty()) throw std::invalid_argument("a retrieve needs an output folder");
    job.setStage(JobStage::Starting, 0);

    // QIDO-RS first: the count for the progress, and "not found" before anything is created.
    RetrieveResult result;
    QueryFilter filter;
    filter.studyUid = request.studyUid;
    if (request.seriesUid.empty()) {
        const std::vector<StudyRecord> studies = findStudies(filter);
        if (studies.empty())
            throw std::runtime_error(baseUrl_ + ": no study " + request.studyUid + " (QIDO-RS found none)");
        result.expected = std::size_t(std::max(0, studies.front().numberOfInstances));
    } else {
        bool found = false;
        for (const SeriesRecord& s : findSeries(filter))
            if (s.seriesUid == request.seriesUid) {
                found = true;
                result.expected = std::size_t(std::max(0, s.numberOfInstances));
            }
        if (!found)
            throw std::runtime_error(baseUrl_ + ": no series " + request.seriesUid + " in study " +
                                     request.studyUid + " (QIDO-RS found none)");
    }
    job.throwIfCancelled();

    RetrieveStaging staging(destination);
    job.setStage(JobStage::Writing, result.expected);
    std::string url = baseUrl_ + "/studies/" + request.studyUid;
    if (!request.seriesUid.empty()) url += "/series/" + request.seriesUid;
    std::unique_ptr<MultipartReader> reader;
    std::string partError;
    const HttpTransfer http(timeoutSeconds_);
    HttpTransfer::Response response;
    try {
        response = http.get(
            url, {"Accept: multipart/related; type=\"application/dicom\""},
            [&](const char* data, std::size_t size, const std::string& contentType) {
                if (job.cancelled()) return false;
                if (!reader) {
                    const std::string boundary = MultipartReader::boundaryOf(contentType);
                    if (boundary.empty()) {
                        partError = "the answer is not multipart/related (Content-Type: " + contentType + ")";
                        return false;
                    }
                    reader = std::make_unique<MultipartReader>(
                        boundary, [&](const std::string&, std::string& body) {
                            const std::string e = staging.storeBytes(body);
                            if (!e.empty()) {
                                partError = "part " + std::to_string(reader->parts()) + ": " + e;
                                return false;
                            }
                            job.advance(1);
                            return !job.cancelled();
                        });
                }
                return reader->feed(data, size);
            });
    } catch (const HttpTransfer::StoppedError&) {
        job.throwIfCancelled();
        throw std::runtime_error(url + ": " + partError);
    }
    job.throwIfCancelled();
    if (response.status != 200) throw std::runtime_error(httpError(url, response));
    if (!reader || !reader->finished())
        throw std::runtime_error(url + ": the multipart answer ended early (" +
                                 std::to_string(staging.count()) + " instances)");
    if (staging.count() == 0) throw std::runtime_error(url + ": no instance in the answer");
    if (result.expected > 0 && staging.count() < result.expected)
        throw std::runtime_error(url + ": only " + std::to_string(staging.count()) + " of " +
                                 std::to_string(result.expected) + " instances arrived");
    job.setStage(JobStage::Finishing, 0);
    result.files = staging.commit();
    return result;
}

PacsSender::Result DicomWebClient::send(const std::vector<std::string>& paths, JobContext& job) const {
    if (paths.empty()) throw std::invalid_argument("nothing to send: no file or folder given");
    const std::vector<std::string> files = PacsSender::collectFiles(paths);
    PacsSender::Result result;
    std::vector<std::size_t> sendable;
    for (const std::string& path : files) {
        PacsSender::FileStatus status;
        status.path = path;
        DcmFileFormat file;
        if (!Deidentifier::isDicomFile(path)) {
            status.message = "skipped: not a DICOM file";
            ++result.skipped;
        } else if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 0, ERM_metaOnly).bad() ||
                   (status.sopInstanceUid = metaString(*file.getMetaInfo(), DCM_MediaStorageSOPInstanceUID))
                       .empty()) {
            status.message = "skipped: no readable meta header (SOP class, instance, transfer syntax)";
            ++result.skipped;
        } else {
            sendable.push_back(result.files.size());
        }
        result.files.push_back(std::move(status));
    }

    job.setStage(JobStage::Writing, sendable.size());
    const HttpTransfer http(timeoutSeconds_);
    const std::string url = baseUrl_ + "/studies";
    std::mt19937_64 random(std::random_device{}());
    std::size_t next = 0;
    while (next < sendable.size()) {
        job.throwIfCancelled();
        const std::string boundary = "cadview-" + std::to_string(random());
        std::string body;
        std::vector<std::size_t> batch;
        while (next < sendable.size() && (batch.empty() || body.size() < kStowBytesPerRequest)) {
            PacsSender::FileStatus& status = result.files[sendable[next]];
            std::ifstream in(status.path, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), {});
            body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n" + bytes + "\r\n";
            batch.push_back(sendable[next]);
            ++next;
        }
        body += "--" + boundary + "--\r\n";
        const HttpTransfer::Response r = http.post(
            url,
            {"Content-Type: multipart/related; type=\"application/dicom\"; boundary=" + boundary, kDicomJson},
            body);
        // 200: all stored; 202: some failed; 409: none stored. The JSON lists each instance.
        std::map<std::string, std::string> failed;
        std::map<std::string, bool> stored;
        const json answer = json::parse(r.body, nullptr, false);
        if (answer.is_object()) {
            for (const char* sequence : {"00081199", "00081198"}) {
                const auto seq = answer.find(sequence);
                if (seq == answer.end() || !seq->contains("Value")) continue;
                for (const json& item : (*seq)["Value"]) {
                    const std::string uid = jsonText(item, "00081155");
                    if (std::string(sequence) == "00081199")
                        stored[uid] = true;
                    else
                        failed[uid] = jsonText(item, "00081197");
                }
            }
        }
        for (const std::size_t index : batch) {
            PacsSender::FileStatus& status = result.files[index];
            if (failed.count(status.sopInstanceUid)) {
                const std::string reason = failed[status.sopInstanceUid];
                status.message = "refused by STOW-RS (HTTP " + std::to_string(r.status) +
                                 ", failure reason " + (reason.empty() ? std::string("not given") : reason) +
                                 ")";
                if (!reason.empty()) status.status = static_cast<std::uint16_t>(std::stoul(reason));
                ++result.failed;
            } else if (stored.count(status.sopInstanceUid) || r.status == 200) {
                status.sent = true;
                ++result.sent;
            } else {
                status.message = r.status >= 300 ? httpError(url, r) : "not in the STOW-RS answer";
                ++result.failed;
            }
            job.advance(1);
        }
    }
    return result;
}

}  // namespace cadview
