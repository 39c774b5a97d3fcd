// cadview-cli pacs echo|find|get|send: a DICOM network client (DIMSE) for one PACS, over core/pacs.
// Messages name the node and what failed; only the find results (what the user asked for) carry
// patient identifiers.
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "Commands.h"
#include "JsonReport.h"
#include "ProgressPrinter.h"
#include "jobs/JobContext.h"
#include "pacs/DicomWebClient.h"
#include "pacs/PacsClient.h"

namespace cadview::cli {

namespace {

int fail(const std::string& message) {
    std::cerr << "cadview-cli: " << message << "\n";
    return 1;
}

DicomNode nodeOf(const PacsOptions& o) {
    DicomNode node;
    node.aeTitle = o.aet;
    node.host = o.host;
    node.port = o.port;
    node.callingAeTitle = o.callingAet;
    node.connectTimeout = o.timeout;
    node.dimseTimeout = o.dimseTimeout;
    return node;
}

nlohmann::json count(int n) {
    return n < 0 ? nlohmann::json(nullptr) : nlohmann::json(n);
}

// "receiving 3/28" on stderr: the first and last step at once, the others at most twice a second.
JobContext::ProgressCallback progressLines(ProgressPrinter& printer, const char* verb) {
    if (!printer.enabled()) return {};
    return [&printer, verb](const JobProgress& p) {
        if (p.stage != JobStage::Writing || p.done == 0) return;
        std::ostringstream line;
        line << verb << ' ' << p.done;
        if (p.total > 0) line << '/' << p.total;
        printer.print(line.str(), p.done == 1 || p.done == p.total);
    };
}

// The two ways to a PACS behind one face: DIMSE (PacsClient) and DICOMweb (DicomWebClient).
struct DimseBackend {
    const PacsClient& client;
    std::string label() const { return client.node().label(); }
    static const char* method(bool move) { return move ? "C-MOVE" : "C-GET"; }
    std::vector<PatientRecord> findPatients(const QueryFilter& f) const { return client.findPatients(f); }
    std::vector<StudyRecord> findStudies(const QueryFilter& f) const { return client.findStudies(f); }
    std::vector<SeriesRecord> findSeries(const QueryFilter& f) const { return client.findSeries(f); }
    RetrieveResult retrieve(const RetrieveRequest& r, const std::string& d, JobContext& j) const {
        return client.retrieve(r, d, j);
    }
    PacsSender::Result send(const std::vector<std::string>& p, JobContext& j) const {
        return client.send(p, j);
    }
};

struct WebBackend {
    const DicomWebClient& client;
    std::string label() const { return client.baseUrl(); }
    static const char* method(bool) { return "WADO-RS"; }
    std::vector<PatientRecord> findPatients(const QueryFilter&) const {
        throw std::invalid_argument(
            "DICOMweb (QIDO-RS) searches studies and series, not patients: use --level study");
    }
    std::vector<StudyRecord> findStudies(const QueryFilter& f) const { return client.findStudies(f); }
    std::vector<SeriesRecord> findSeries(const QueryFilter& f) const { return client.findSeries(f); }
    RetrieveResult retrieve(const RetrieveRequest& r, const std::string& d, JobContext& j) const {
        return client.retrieve(r, d, j);
    }
    PacsSender::Result send(const std::vector<std::string>& p, JobContext& j) const {
        return client.send(p, j);
    }
};

int runEcho(const PacsClient& client) {
    const double ms = client.echo();
    std::cout << "C-ECHO " << client.node().label() << ": success (" << static_cast<long>(ms + 0.5)
              << " ms)\n";
    return 0;
}

template <typename Backend>
int runFind(const Backend& client, const PacsOptions& o) {
    QueryFilter filter;
    filter.patientName = o.patientName;
    filter.patientId = o.patientId;
    filter.modality = o.modality;
    filter.studyUid = o.studyUid;
    if (!o.dates.empty()) {
        if (!o.dateFrom.empty() || !o.dateTo.empty())
            return fail("pacs find: give --dates or --date-from/--date-to");
        filter.setDateRange(o.dates);
    } else {
        filter.dateFrom = o.dateFrom;
        filter.dateTo = o.dateTo;
    }
    const QueryLevel level = QueryFilter::parseLevel(o.level);
    filter.validate(level);
    nlohmann::json results = nlohmann::json::array();
    std::ostringstream table;
    if (level == QueryLevel::Patient) {
        table << "PatientID\tPatientName\tBirthDate\tSex\tStudies\n";
        for (const PatientRecord& r : client.findPatients(filter)) {
            results.push_back({{"patientName", r.patientName},
                               {"patientId", r.patientId},
                               {"birthDate", r.birthDate},
                               {"sex", r.sex},
                               {"numberOfStudies", count(r.numberOfStudies)}});
            table << r.patientId << "\t" << r.patientName << "\t" << r.birthDate << "\t" << r.sex << "\t"
                  << (r.numberOfStudies < 0 ? std::string("-") : std::to_string(r.numberOfStudies)) << "\n";
        }
    } else if (level == QueryLevel::Study) {
        table << "StudyInstanceUID\tStudyDate\tModalities\tSeries\tInstances\tPatientID\tPatientName\tDescrip"
                 "tion\n";
        for (const StudyRecord& r : client.findStudies(filter)) {
            std::string modalities;
            for (const std::string& m : r.modalities)
                modalities += (modalities.empty() ? "" : "\\") + m;
            results.push_back({{"patientName", r.patientName},
                               {"patientId", r.patientId},
                               {"birthDate", r.birthDate},
                               {"studyInstanceUid", r.studyUid},
                               {"studyDate", r.studyDate},
                               {"studyTime", r.studyTime},
                               {"studyDescription", r.description},
                               {"accessionNumber", r.accessionNumber},
                               {"modalitiesInStudy", r.modalities},
                               {"numberOfSeries", count(r.numberOfSeries)},
                               {"numberOfInstances", count(r.numberOfInstances)}});
            table << r.studyUid << "\t" << r.studyDate << "\t" << modalities << "\t"
                  << (r.numberOfSeries < 0 ? std::string("-") : std::to_string(r.numberOfSeries)) << "\t"
                  << (r.numberOfInstances < 0 ? std::string("-") : std::to_string(r.numberOfInstances))
                  << "\t" << r.patientId << "\t" << r.patientName << "\t" << r.description << "\n";
        }
    } else {
        table << "SeriesInstanceUID\tNumber\tModality\tInstances\tStudyInstanceUID\tDescription\n";
        for (const SeriesRecord& r : client.findSeries(filter)) {
            results.push_back({{"studyInstanceUid", r.studyUid},
                               {"seriesInstanceUid", r.seriesUid},
                               {"seriesNumber", r.seriesNumber},
                               {"modality", r.modality},
                               {"seriesDescription", r.description},
                               {"numberOfInstances", count(r.numberOfInstances)}});
            table << r.seriesUid << "\t" << r.seriesNumber << "\t" << r.modality << "\t"
                  << (r.numberOfInstances < 0 ? std::string("-") : std::to_string(r.numberOfInstances))
                  << "\t" << r.studyUid << "\t" << r.description << "\n";
        }
    }
    if (o.json) {
        const nlohmann::json report = {{"node", client.label()},
                                       {"level", QueryFilter::levelName(level)},
                                       {"count", results.size()},
                                       {"results", results}};
        std::cout << dump(report) << "\n";
    } else {
        std::cout << table.str();
    }
    return 0;
}

template <typename Backend>
int runGet(const Backend& client, const PacsOptions& o) {
    if (o.studyUid.empty()) return fail("pacs get needs --study-uid");
    if (o.output.empty()) return fail("pacs get needs --output DIR");
    if (o.move && o.movePort == 0)
        return fail("pacs get --move needs --move-port (the port our storage SCP listens on)");
    RetrieveRequest request;
    request.studyUid = o.studyUid;
    request.seriesUid = o.seriesUid;
    request.move = o.move;
    request.movePort = o.movePort;
    request.moveAeTitle = o.moveAet;
    ProgressPrinter printer(o.progress, "pacs get");
    JobContext job(progressLines(printer, "receiving"));
    const auto start = std::chrono::steady_clock::now();
    const RetrieveResult r = client.retrieve(request, o.output, job);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream took;
    took.precision(2);
    took << std::fixed << seconds;
    std::cout << "retrieved " << r.files.size() << " instances by " << client.method(o.move) << " from "
              << client.label() << " into " << o.output << " in " << took.str() << " s\n";
    return 0;
}

template <typename Backend>
int runSend(const Backend& client, const PacsOptions& o) {
    if (o.inputs.empty()) return fail("pacs send needs FILE or DIR arguments");
    ProgressPrinter printer(o.progress, "pacs send");
    JobContext job(progressLines(printer, "sending"));
    const PacsSender::Result r = client.send(o.inputs, job);
    for (const PacsSender::FileStatus& f : r.files)
        if (!f.message.empty())
            std::cerr << "cadview-cli: "
                      << (f.sent ? "note" : (f.message.rfind("skipped", 0) == 0 ? "note" : "error")) << ": "
                      << f.path << ": " << f.message << "\n";
    std::cout << "sent " << r.sent << " files to " << client.label();
    if (r.failed > 0) std::cout << "; failed " << r.failed;
    if (r.skipped > 0) std::cout << "; skipped " << r.skipped << " (not DICOM, or no meta header)";
    std::cout << "\n";
    if (r.failed > 0) return 1;
    if (r.sent == 0) return fail("pacs send: no DICOM file to send");
    return 0;
}

int runDicomWeb(const DicomWebClient& client, const PacsOptions& o) {
    if (o.move) return fail("pacs get: --move is DIMSE only (no --dicomweb)");
    const WebBackend web{client};
    if (o.action == "find") return runFind(web, o);
    if (o.action == "get") return runGet(web, o);
    if (o.action == "send") return runSend(web, o);
    return fail("pacs " + o.action + ": not available over DICOMweb");
}

}  // namespace

int runPacs(const PacsOptions& options) {
    try {
        if (!options.dicomweb.empty()) {
            if (options.action == "echo") return fail("pacs echo: C-ECHO is DIMSE only (no --dicomweb)");
            return runDicomWeb(DicomWebClient(options.dicomweb, options.dimseTimeout), options);
        }
        if (options.aet.empty() || options.host.empty())
            return fail("pacs " + options.action + " needs --aet and --host (or --dicomweb URL)");
        const PacsClient client(nodeOf(options));
        client.node().validate();
        if (options.action == "echo") return runEcho(client);
        const DimseBackend dimse{client};
        if (options.action == "find") return runFind(dimse, options);
        if (options.action == "get") return runGet(dimse, options);
        if (options.action == "send") return runSend(dimse, options);
        return fail("pacs: unknown action " + options.action);
    } catch (const CancelledError&) {
        return fail("pacs " + options.action + ": cancelled");
    } catch (const std::exception& e) {
        return fail("pacs " + options.action + ": " + e.what());
    }
}

}  // namespace cadview::cli
