// core/pacs against a real PACS: Debian's Orthanc, started per test on loopback ports (OrthancServer).
// The data are real DICOM files from ../shared/data; expected values are read from the files themselves
// with DCMTK (PacsTestData.h) and, for the key UIDs, also written out as literals from dcmdump.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "PacsTestData.h"
#include "PacsTestSupport.h"
#include "jobs/JobContext.h"
#include "pacs/PacsClient.h"
#include "pacs/RetrieveStaging.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

template <typename Records, typename Key>
std::set<std::string> keys(const Records& records, Key key) {
    std::set<std::string> out;
    for (const auto& r : records)
        out.insert(key(r));
    return out;
}

class PacsClientTest : public OrthancTest {
  protected:
    // The three studies, stored through Orthanc's REST API (independent of our C-STORE).
    void loadAll() {
        ASSERT_EQ(server_->upload(filesIn(kHeadCt)), 28);
        ASSERT_EQ(server_->upload({kCtSmall, kMrSmall}), 2);
        ASSERT_EQ(server_->statistic("CountInstances"), 30);
    }
};

// --- validation (no network) ---------------------------------------------------------------------------

TEST(DicomNodeTest, ValidationNamesTheBadField) {
    DicomNode n;
    n.aeTitle = "ORTHANC";
    n.host = "pacs.example.org";
    n.port = 4242;
    EXPECT_EQ(n.validationError(), "");
    EXPECT_EQ(n.label(), "ORTHANC@pacs.example.org:4242");

    DicomNode bad = n;
    bad.aeTitle = "SEVENTEEN_CHARS_X";
    EXPECT_EQ(bad.validationError(),
              "the called AE title \"SEVENTEEN_CHARS_X\" is 17 characters long (at most 16)");
    bad.aeTitle = "A\\B";
    EXPECT_EQ(bad.validationError(), "the called AE title must not contain a backslash");
    bad.aeTitle = "A\tB";
    EXPECT_EQ(bad.validationError(), "the called AE title must not contain control characters");
    bad.aeTitle = "   ";
    EXPECT_EQ(bad.validationError(), "the called AE title is only spaces");
    bad = n;
    bad.callingAeTitle = "";
    EXPECT_EQ(bad.validationError(), "the calling AE title is empty");
    bad = n;
    bad.port = 0;
    EXPECT_EQ(bad.validationError(), "the port 0 is out of range (1-65535)");
    bad.port = 65536;
    EXPECT_EQ(bad.validationError(), "the port 65536 is out of range (1-65535)");
    bad = n;
    bad.host = "";
    EXPECT_EQ(bad.validationError(), "the host is empty");
    EXPECT_THROW(bad.validate(), std::invalid_argument);
    // A bad node fails before any network traffic.
    EXPECT_EQ(errorOf([&] { PacsClient(bad).echo(); }), "the host is empty");
}

TEST(QueryFilterTest, DatesLevelsAndValues) {
    QueryFilter f;
    f.setDateRange("20040101-20041231");
    EXPECT_EQ(f.dateFrom, "20040101");
    EXPECT_EQ(f.dateTo, "20041231");
    EXPECT_EQ(f.dateRange(), "20040101-20041231");
    f.setDateRange("20040101-");
    EXPECT_EQ(f.dateRange(), "20040101-");
    f.setDateRange("-20041231");
    EXPECT_EQ(f.dateRange(), "-20041231");
    f.setDateRange("20040229");
    EXPECT_EQ(f.dateRange(), "20040229");
    EXPECT_THROW(f.setDateRange("20030229"), std::invalid_argument);  // not a leap year
    EXPECT_THROW(f.setDateRange("2004-01-01"), std::invalid_argument);
    EXPECT_THROW(f.setDateRange("-"), std::invalid_argument);

    QueryFilter g;
    g.dateFrom = "20050101";
    g.dateTo = "20040101";
    EXPECT_EQ(g.validationError(QueryLevel::Study), "the date range 20050101-20040101 ends before it starts");
    g = {};
    g.modality = "CT";
    EXPECT_NE(g.validationError(QueryLevel::Patient)
                  .find("patient-level queries match the patient name and ID only"),
              std::string::npos);
    EXPECT_EQ(g.validationError(QueryLevel::Series), "");
    g.patientName = "DOE\\JOHN";
    EXPECT_EQ(g.validationError(QueryLevel::Study), "the patient name must not contain a backslash");
    g = {};
    g.studyUid = "1.2.3/../x";
    EXPECT_NE(g.validationError(QueryLevel::Study).find("is not a UID"), std::string::npos);
    EXPECT_THROW(QueryFilter::parseLevel("image"), std::invalid_argument);
    EXPECT_EQ(QueryFilter::parseLevel("series"), QueryLevel::Series);
}

TEST(RetrieveStagingTest, HostileUidsNeverBecomePaths) {
    EXPECT_EQ(RetrieveStaging::safeName("1.2.840.113619.2.55", "x"), "1.2.840.113619.2.55");
    EXPECT_EQ(RetrieveStaging::safeName("../../etc/passwd", "7"), "unnamed-7");
    EXPECT_EQ(RetrieveStaging::safeName("", "study"), "unnamed-study");
    EXPECT_EQ(RetrieveStaging::safeName(".1.2", "3"), "unnamed-3");
    EXPECT_EQ(RetrieveStaging::safeName(std::string(65, '1'), "4"), "unnamed-4");
}

// --- against Orthanc ---------------------------------------------------------------------------------------

TEST_F(PacsClientTest, EchoAnswers) {
    const double ms = PacsClient(node()).echo();
    EXPECT_GT(ms, 0.0);
    EXPECT_LT(ms, 5000.0);
}

TEST_F(PacsClientTest, SendStoresEverySliceOnce) {
    // The head CT folder, two single-file studies and a file that is not DICOM.
    std::ofstream(scratch_.file("notes.txt")) << "not DICOM\n";
    std::vector<std::size_t> done;
    JobContext job([&](const JobProgress& p) {
        if (p.stage == JobStage::Writing) done.push_back(p.done);
    });
    const PacsSender::Result r =
        PacsClient(node()).send({kHeadCt, kCtSmall, kMrSmall, scratch_.file("notes.txt")}, job);
    EXPECT_EQ(r.sent, 30u);
    EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(r.skipped, 1u);
    ASSERT_EQ(r.files.size(), 31u);
    std::set<std::string> sentUids;
    for (const PacsSender::FileStatus& f : r.files) {
        if (f.path == scratch_.file("notes.txt")) {
            EXPECT_FALSE(f.sent);
            EXPECT_EQ(f.message, "skipped: not a DICOM file");
            continue;
        }
        EXPECT_TRUE(f.sent) << f.path << ": " << f.message;
        EXPECT_EQ(f.status, 0u);
        EXPECT_EQ(f.sopInstanceUid, readFacts(f.path).sopInstanceUid);
        sentUids.insert(f.sopInstanceUid);
    }
    EXPECT_EQ(sentUids.size(), 30u);
    ASSERT_FALSE(done.empty());
    EXPECT_EQ(done.back(), 30u);

    // Orthanc holds exactly what was sent.
    EXPECT_EQ(server_->statistic("CountInstances"), 30);
    EXPECT_EQ(server_->statistic("CountSeries"), 3);
    EXPECT_EQ(server_->statistic("CountStudies"), 3);
    EXPECT_EQ(server_->statistic("CountPatients"), 3);
    EXPECT_EQ(nlohmann::json::parse(server_->get("/instances")).size(), 30u);
    // Sending a file again stores nothing new.
    JobContext again;
    EXPECT_EQ(PacsClient(node()).send({kCtSmall}, again).sent, 1u);
    EXPECT_EQ(server_->statistic("CountInstances"), 30);
}

TEST_F(PacsClientTest, FindPatientsByNameWildcardAndId) {
    loadAll();
    const PacsClient client(node());
    EXPECT_EQ(client.findPatients({}).size(), 3u);

    QueryFilter byName;
    byName.patientName = "CompressedSamples*";
    const std::vector<PatientRecord> samples = client.findPatients(byName);
    EXPECT_EQ(keys(samples, [](const PatientRecord& r) { return r.patientId; }),
              (std::set<std::string>{readFacts(kCtSmall).patientId, readFacts(kMrSmall).patientId}));
    EXPECT_EQ(keys(samples, [](const PatientRecord& r) { return r.patientId; }),
              (std::set<std::string>{"1CT1", "4MR1"}));
    EXPECT_EQ(keys(samples, [](const PatientRecord& r) { return r.patientName; }),
              (std::set<std::string>{"CompressedSamples^CT1", "CompressedSamples^MR1"}));

    QueryFilter one;
    one.patientName = "CompressedSamples^M?1";
    ASSERT_EQ(client.findPatients(one).size(), 1u);
    EXPECT_EQ(client.findPatients(one)[0].patientId, "4MR1");

    const DicomFacts head = readFacts(filesIn(kHeadCt).front());
    QueryFilter byId;
    byId.patientId = head.patientId;
    const std::vector<PatientRecord> p = client.findPatients(byId);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].patientName, head.patientName);

    QueryFilter none;
    none.patientName = "NOBODY*";
    EXPECT_TRUE(client.findPatients(none).empty());
}

TEST_F(PacsClientTest, FindStudiesByDateRangeModalityAndUid) {
    loadAll();
    const PacsClient client(node());
    const auto uids = [](const std::vector<StudyRecord>& s) {
        return keys(s, [](const StudyRecord& r) { return r.studyUid; });
    };
    EXPECT_EQ(uids(client.findStudies({})),
              (std::set<std::string>{kHeadStudyUid, kCtSmallStudyUid, kMrSmallStudyUid}));

    QueryFilter year2004;
    year2004.setDateRange("20040101-20041231");  // includes both dated studies (the head CT has no date)
    EXPECT_EQ(uids(client.findStudies(year2004)),
              (std::set<std::string>{kCtSmallStudyUid, kMrSmallStudyUid}));
    QueryFilter firstHalf;
    firstHalf.setDateRange("20040101-20040630");  // CT 2004-01-19 in, MR 2004-08-26 out
    const std::vector<StudyRecord> ct = client.findStudies(firstHalf);
    ASSERT_EQ(ct.size(), 1u);
    EXPECT_EQ(ct[0].studyUid, readFacts(kCtSmall).studyUid);
    EXPECT_EQ(ct[0].studyDate, readFacts(kCtSmall).studyDate);
    EXPECT_EQ(ct[0].studyDate, "20040119");
    QueryFilter later;
    later.setDateRange("20050101-");
    EXPECT_TRUE(client.findStudies(later).empty());
    // Orthanc matches the undated head CT with an open start ("" <= 20031231); the client drops it.
    QueryFilter earlier;
    earlier.setDateRange("-20031231");
    EXPECT_TRUE(client.findStudies(earlier).empty());
    EXPECT_TRUE(client.findSeries(earlier).empty());

    QueryFilter mr;
    mr.modality = "MR";
    EXPECT_EQ(uids(client.findStudies(mr)), (std::set<std::string>{kMrSmallStudyUid}));
    QueryFilter ctOnly;
    ctOnly.modality = "CT";
    EXPECT_EQ(uids(client.findStudies(ctOnly)), (std::set<std::string>{kHeadStudyUid, kCtSmallStudyUid}));

    QueryFilter head;
    head.studyUid = kHeadStudyUid;
    const std::vector<StudyRecord> h = client.findStudies(head);
    ASSERT_EQ(h.size(), 1u);
    const DicomFacts facts = readFacts(filesIn(kHeadCt).front());
    EXPECT_EQ(h[0].studyUid, facts.studyUid);
    EXPECT_EQ(h[0].patientId, facts.patientId);
    EXPECT_EQ(h[0].numberOfInstances, 28);
    EXPECT_EQ(h[0].numberOfSeries, 1);
    EXPECT_EQ(h[0].modalities, std::vector<std::string>{"CT"});
    EXPECT_EQ(h[0].description, "HEAD");
}

TEST_F(PacsClientTest, FindSeriesOfAStudyAndByModality) {
    loadAll();
    const PacsClient client(node());
    QueryFilter head;
    head.studyUid = kHeadStudyUid;
    const std::vector<SeriesRecord> s = client.findSeries(head);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].seriesUid, kHeadSeriesUid);
    EXPECT_EQ(s[0].seriesUid, readFacts(filesIn(kHeadCt).front()).seriesUid);
    EXPECT_EQ(s[0].studyUid, kHeadStudyUid);
    EXPECT_EQ(s[0].seriesNumber, "2");
    EXPECT_EQ(s[0].modality, "CT");
    EXPECT_EQ(s[0].numberOfInstances, 28);

    QueryFilter mr;
    mr.modality = "MR";
    const std::vector<SeriesRecord> m = client.findSeries(mr);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].seriesUid, kMrSmallSeriesUid);
    EXPECT_EQ(m[0].numberOfInstances, 1);
}

// Every original slice arrives once, byte for byte in its pixel data, at DEST/<study>/<series>/<sop>.dcm,
// and no temporary folder remains.
void expectHeadCtRetrieved(const std::string& dest, const RetrieveResult& r) {
    const std::map<std::string, std::string> original = pixelsBySop(kHeadCt);
    ASSERT_EQ(original.size(), 28u);
    EXPECT_EQ(r.expected, 28u);
    ASSERT_EQ(r.files.size(), 28u);
    EXPECT_EQ(entriesIn(dest), (std::set<std::string>{kHeadStudyUid}));
    EXPECT_EQ(entriesIn(dest + "/" + kHeadStudyUid), (std::set<std::string>{kHeadSeriesUid}));
    const std::map<std::string, std::string> received = pixelsBySop(dest);
    ASSERT_EQ(received.size(), 28u);
    for (const auto& [sop, pixels] : original) {
        ASSERT_EQ(received.count(sop), 1u) << sop;
        EXPECT_EQ(received.at(sop).size(), pixels.size()) << sop;
        EXPECT_TRUE(received.at(sop) == pixels) << sop << ": pixel data differ";
        EXPECT_TRUE(
            fs::is_regular_file(dest + "/" + kHeadStudyUid + "/" + kHeadSeriesUid + "/" + sop + ".dcm"));
    }
}

TEST_F(PacsClientTest, GetSeriesByCGet) {
    loadAll();
    const std::string dest = scratch_.file("store");
    std::size_t steps = 0, total = 0;
    JobContext job([&](const JobProgress& p) {
        if (p.stage != JobStage::Writing) return;
        steps = p.done;
        total = p.total;
    });
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    request.seriesUid = kHeadSeriesUid;
    const auto start = Clock::now();
    const RetrieveResult r = PacsClient(node()).retrieve(request, dest, job);
    std::cout << "C-GET of the 28-slice series: " << secondsSince(start) << " s\n";
    expectHeadCtRetrieved(dest, r);
    EXPECT_EQ(steps, 28u);
    EXPECT_EQ(total, 28u);
}

TEST_F(PacsClientTest, MoveStudyToOurStorageScp) {
    loadAll();
    const std::string dest = scratch_.file("store");
    JobContext job;
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    request.move = true;
    request.moveAeTitle = OrthancServer::kOurAeTitle;
    request.movePort = server_->movePort();
    const auto start = Clock::now();
    const RetrieveResult r = PacsClient(node()).retrieve(request, dest, job);
    std::cout << "C-MOVE of the 28-slice study: " << secondsSince(start) << " s\n";
    expectHeadCtRetrieved(dest, r);
}

// Cancelling after the third instance: the retrieve throws CancelledError, the destination holds
// neither files nor a temporary folder, and the PACS still answers.
void cancelMidway(const DicomNode& node, RetrieveRequest request, const std::string& dest) {
    std::atomic<int> seen{0};
    JobContext* jobPtr = nullptr;
    JobContext job([&](const JobProgress& p) {
        if (p.stage == JobStage::Writing && p.done >= 3 && ++seen == 1) jobPtr->requestCancel();
    });
    jobPtr = &job;
    const auto start = Clock::now();
    EXPECT_THROW(PacsClient(node).retrieve(request, dest, job), CancelledError);
    EXPECT_LT(secondsSince(start), 10.0);
    EXPECT_GE(seen.load(), 1);
    ASSERT_TRUE(fs::is_directory(dest));
    EXPECT_TRUE(entriesIn(dest).empty()) << "left behind: " << *entriesIn(dest).begin();
    EXPECT_GT(PacsClient(node).echo(), 0.0);
}

TEST_F(PacsClientTest, CancelledGetLeavesNothing) {
    loadAll();
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    cancelMidway(node(), request, scratch_.file("store"));
}

TEST_F(PacsClientTest, CancelledMoveLeavesNothing) {
    loadAll();
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    request.move = true;
    request.movePort = server_->movePort();
    DicomNode n = node();  // our calling AE is CADVIEWTEST, the destination Orthanc knows
    cancelMidway(n, request, scratch_.file("store"));
}

TEST_F(PacsClientTest, RetrieveErrorsNameWhatFailed) {
    loadAll();
    const PacsClient client(node());
    const std::string dest = scratch_.file("store");
    JobContext job;
    RetrieveRequest unknown;
    unknown.studyUid = "1.2.3.4.5";
    EXPECT_EQ(errorOf([&] { client.retrieve(unknown, dest, job); }),
              node().label() + ": no study 1.2.3.4.5 on the node (C-FIND found none)");
    EXPECT_FALSE(fs::exists(dest));

    RetrieveRequest noSeries;
    noSeries.studyUid = kHeadStudyUid;
    noSeries.seriesUid = "1.2.3";
    EXPECT_NE(errorOf([&] { client.retrieve(noSeries, dest, job); }).find("no series 1.2.3 in study"),
              std::string::npos);

    RetrieveRequest stranger;  // a C-MOVE destination Orthanc does not know
    stranger.studyUid = kHeadStudyUid;
    stranger.move = true;
    stranger.moveAeTitle = "STRANGER";
    stranger.movePort = OrthancServer::freePort();
    const std::string e = errorOf([&] { client.retrieve(stranger, dest, job); });
    // Orthanc answers 0xC000 (unable to process) where the standard has 0xA801 (destination unknown).
    EXPECT_EQ(e.rfind(node().label() + ": C-MOVE failed with status 0x", 0), 0u) << e;
    EXPECT_NE(e.find("does the node know the destination STRANGER"), std::string::npos) << e;
    EXPECT_TRUE(entriesIn(dest).empty());

    RetrieveRequest badUid;
    badUid.studyUid = "../etc";
    EXPECT_EQ(errorOf([&] { client.retrieve(badUid, dest, job); }), "the study UID \"../etc\" is not a UID");
}

// --- unreachable and rejecting nodes
// -------------------------------------------------------------------------

TEST(PacsUnreachableTest, ClosedPortFailsFastWithConnectionRefused) {
    DicomNode n;
    n.aeTitle = "NOBODY";
    n.host = "127.0.0.1";
    n.port = OrthancServer::freePort();
    const auto start = Clock::now();
    const std::string e = errorOf([&] { PacsClient(n).echo(); });
    EXPECT_LT(secondsSince(start), 5.0);
    EXPECT_EQ(e, "NOBODY@127.0.0.1:" + std::to_string(n.port) +
                     ": C-ECHO: connection refused (nothing listens on port " + std::to_string(n.port) +
                     " of 127.0.0.1)");
}

TEST(PacsUnreachableTest, BlackholeAddressFailsWithinFiveSeconds) {
    DicomNode n;  // default timeouts
    n.aeTitle = "NOBODY";
    n.host = "10.255.255.1";
    n.port = 104;
    QueryFilter all;
    const auto start = Clock::now();
    const std::string e = errorOf([&] { PacsClient(n).findStudies(all); });
    const double seconds = secondsSince(start);
    std::cout << "blackhole: " << seconds << " s: " << e << "\n";
    EXPECT_LT(seconds, 5.0);
    EXPECT_EQ(e.rfind("NOBODY@10.255.255.1:104: Study Root C-FIND: ", 0), 0u) << e;
    // A silent drop where packets vanish, no route on some networks, and on machines whose outbound
    // connections go through a proxy, something that answers but not in DICOM.
    EXPECT_TRUE(e.find("no answer within 4 s") != std::string::npos ||
                e.find("unreachable") != std::string::npos ||
                e.find("does not answer in DICOM") != std::string::npos)
        << e;
}

// A TCP listener on a free loopback port that never accepts; its address is stored in `address`.
int loopbackListener(int backlog, sockaddr_in& address) {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    address = sockaddr_in{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, backlog) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &len) != 0) {
        if (listener >= 0) ::close(listener);
        return -1;
    }
    return listener;
}

// A host that drops our connection requests: no SYN-ACK ever comes. On loopback that is a listener
// whose accept queue is full (backlog 0, one connection queued and never accepted): the kernel drops
// every further SYN, exactly as a firewall or a switched-off host does. Default timeouts: the issue
// asks for a clear error within 5 s.
TEST(PacsUnreachableTest, HostThatDropsConnectionRequestsFailsWithinFiveSeconds) {
    sockaddr_in a{};
    const int listener = loopbackListener(0, a);
    ASSERT_GE(listener, 0);
    const int queued = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_EQ(::connect(queued, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);  // fills the queue

    DicomNode n;  // default timeouts
    n.aeTitle = "DROPPER";
    n.host = "127.0.0.1";
    n.port = ntohs(a.sin_port);
    const auto start = Clock::now();
    const std::string e = errorOf([&] { PacsClient(n).findStudies(QueryFilter{}); });
    const double seconds = secondsSince(start);
    ::close(queued);
    ::close(listener);
    EXPECT_GE(seconds, n.connectTimeout - 0.1);  // it really waited for the connection timeout
    EXPECT_LT(seconds, 5.0);
    EXPECT_EQ(e, n.label() + ": Study Root C-FIND: no answer within 4 s (connection or association timeout)");
}

// A peer that takes the TCP connection and never answers: the association timeout ends the wait.
TEST(PacsUnreachableTest, SilentPeerTimesOut) {
    sockaddr_in a{};
    // Never accepted: the kernel completes the handshake, and nobody speaks.
    const int listener = loopbackListener(4, a);
    ASSERT_GE(listener, 0);
    DicomNode n;
    n.aeTitle = "SILENT";
    n.host = "127.0.0.1";
    n.port = ntohs(a.sin_port);
    n.connectTimeout = 2;
    const auto start = Clock::now();
    const std::string e = errorOf([&] { PacsClient(n).echo(); });
    const double seconds = secondsSince(start);
    ::close(listener);
    EXPECT_GE(seconds, 1.9);
    EXPECT_LT(seconds, 5.0);
    EXPECT_EQ(e, n.label() + ": C-ECHO: no answer within 2 s (connection or association timeout)");
}

class PacsRejectTest : public OrthancTest {
  protected:
    void SetUp() override {
        OrthancServer::Options options;
        options.checkCalledAet = true;
        start(options);
    }
};

TEST_F(PacsRejectTest, WrongCalledAeIsRejectedWithTheReason) {
    DicomNode n = node();
    EXPECT_GT(PacsClient(n).echo(), 0.0);  // the right one is accepted
    n.aeTitle = "WRONGAE";
    EXPECT_EQ(errorOf([&] { PacsClient(n).echo(); }),
              n.label() +
                  ": C-ECHO: association rejected (permanent, service user: called AE title not recognized)");
}

}  // namespace
}  // namespace cadview::test
