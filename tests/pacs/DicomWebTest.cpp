// core/pacs DICOMweb (QIDO-RS, WADO-RS, STOW-RS) against Orthanc's DICOMweb plugin (orthanc-dicomweb),
// on the same real files as the DIMSE tests; and the multipart reader on its own.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "PacsTestData.h"
#include "PacsTestSupport.h"
#include "jobs/JobContext.h"
#include "pacs/DicomWebClient.h"
#include "pacs/MultipartReader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(MultipartReaderTest, PartsArriveWholeWhateverTheChunking) {
    const std::string body =
        "preamble\r\n--b0undary\r\nContent-Type: application/dicom\r\n\r\nfirst\r\nwith a line\r\n"
        "--b0undary\r\nContent-Type: application/dicom\r\n\r\n--b0undar\r\n--b0undary--\r\nepilogue";
    for (const std::size_t chunk : {std::size_t(1), std::size_t(3), std::size_t(7), body.size()}) {
        std::vector<std::string> parts, headers;
        MultipartReader reader("b0undary", [&](const std::string& h, std::string& b) {
            headers.push_back(h);
            parts.push_back(b);
            return true;
        });
        for (std::size_t at = 0; at < body.size(); at += chunk)
            ASSERT_TRUE(reader.feed(body.data() + at, std::min(chunk, body.size() - at)));
        EXPECT_TRUE(reader.finished()) << chunk;
        ASSERT_EQ(parts.size(), 2u) << chunk;
        EXPECT_EQ(parts[0], "first\r\nwith a line");
        EXPECT_EQ(parts[1], "--b0undar");
        EXPECT_EQ(headers[0], "Content-Type: application/dicom");
    }
    EXPECT_EQ(
        MultipartReader::boundaryOf("multipart/related; type=\"application/dicom\"; boundary=\"abc-1\""),
        "abc-1");
    EXPECT_EQ(MultipartReader::boundaryOf("multipart/related;boundary=xyz;type=application/dicom"), "xyz");
    EXPECT_EQ(MultipartReader::boundaryOf("application/dicom"), "");
}

class DicomWebTest : public OrthancTest {
  protected:
    void SetUp() override {
        OrthancTest::SetUp();
        if (IsSkipped()) return;
        if (::access(OrthancServer::kDicomWebPlugin, R_OK) != 0)
            GTEST_SKIP() << OrthancServer::kDicomWebPlugin
                         << " is not installed (apt-get install orthanc-dicomweb)";
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(server_->httpPort()) + "/dicom-web";
    }
    void loadAll() {
        ASSERT_EQ(server_->upload(filesIn(kHeadCt)), 28);
        ASSERT_EQ(server_->upload({kCtSmall, kMrSmall}), 2);
    }
};

TEST_F(DicomWebTest, QidoStudiesAndSeries) {
    loadAll();
    const DicomWebClient web(url());
    const auto uids = [](const std::vector<StudyRecord>& s) {
        std::set<std::string> out;
        for (const StudyRecord& r : s)
            out.insert(r.studyUid);
        return out;
    };
    EXPECT_EQ(uids(web.findStudies({})),
              (std::set<std::string>{kHeadStudyUid, kCtSmallStudyUid, kMrSmallStudyUid}));
    QueryFilter year;
    year.setDateRange("20040101-20041231");
    EXPECT_EQ(uids(web.findStudies(year)), (std::set<std::string>{kCtSmallStudyUid, kMrSmallStudyUid}));
    QueryFilter early;
    early.setDateRange("-20031231");
    EXPECT_TRUE(web.findStudies(early).empty());
    QueryFilter mr;
    mr.modality = "MR";
    EXPECT_EQ(uids(web.findStudies(mr)), (std::set<std::string>{kMrSmallStudyUid}));
    QueryFilter name;
    name.patientName = "CompressedSamples*";
    EXPECT_EQ(uids(web.findStudies(name)), (std::set<std::string>{kCtSmallStudyUid, kMrSmallStudyUid}));

    QueryFilter head;
    head.studyUid = kHeadStudyUid;
    const std::vector<StudyRecord> h = web.findStudies(head);
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0].numberOfInstances, 28);
    EXPECT_EQ(h[0].numberOfSeries, 1);
    EXPECT_EQ(h[0].modalities, std::vector<std::string>{"CT"});
    EXPECT_EQ(h[0].patientId, readFacts(filesIn(kHeadCt).front()).patientId);
    const std::vector<SeriesRecord> s = web.findSeries(head);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].seriesUid, kHeadSeriesUid);
    EXPECT_EQ(s[0].studyUid, kHeadStudyUid);
    EXPECT_EQ(s[0].modality, "CT");
    EXPECT_EQ(s[0].seriesNumber, "2");
    EXPECT_EQ(s[0].numberOfInstances, 28);
    const std::vector<SeriesRecord> mrSeries = web.findSeries(mr);
    ASSERT_EQ(mrSeries.size(), 1u);
    EXPECT_EQ(mrSeries[0].seriesUid, kMrSmallSeriesUid);
}

TEST_F(DicomWebTest, WadoRetrievesTheSeriesByteForByte) {
    loadAll();
    const std::string dest = scratch_.file("store");
    JobContext job;
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    request.seriesUid = kHeadSeriesUid;
    const auto start = std::chrono::steady_clock::now();
    const RetrieveResult r = DicomWebClient(url()).retrieve(request, dest, job);
    std::cout << "WADO-RS of the 28-slice series: "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
    EXPECT_EQ(r.expected, 28u);
    ASSERT_EQ(r.files.size(), 28u);
    EXPECT_EQ(entriesIn(dest), (std::set<std::string>{kHeadStudyUid}));
    const std::map<std::string, std::string> original = pixelsBySop(kHeadCt), received = pixelsBySop(dest);
    ASSERT_EQ(received.size(), 28u);
    for (const auto& [sop, pixels] : original) {
        ASSERT_EQ(received.count(sop), 1u) << sop;
        EXPECT_TRUE(received.at(sop) == pixels) << sop;
        EXPECT_TRUE(
            fs::is_regular_file(dest + "/" + kHeadStudyUid + "/" + kHeadSeriesUid + "/" + sop + ".dcm"));
    }
}

TEST_F(DicomWebTest, CancelledWadoLeavesNothing) {
    loadAll();
    const std::string dest = scratch_.file("store");
    JobContext* jobPtr = nullptr;
    JobContext job([&](const JobProgress& p) {
        if (p.stage == JobStage::Writing && p.done == 3) jobPtr->requestCancel();
    });
    jobPtr = &job;
    RetrieveRequest request;
    request.studyUid = kHeadStudyUid;
    EXPECT_THROW(DicomWebClient(url()).retrieve(request, dest, job), CancelledError);
    ASSERT_TRUE(fs::is_directory(dest));
    EXPECT_TRUE(entriesIn(dest).empty());
}

TEST_F(DicomWebTest, StowSendsWithPerFileStatus) {
    std::ofstream(scratch_.file("notes.txt")) << "not DICOM\n";
    JobContext job;
    const PacsSender::Result r =
        DicomWebClient(url()).send({kHeadCt, kMrSmall, scratch_.file("notes.txt")}, job);
    EXPECT_EQ(r.sent, 29u);
    EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(r.skipped, 1u);
    for (const PacsSender::FileStatus& f : r.files)
        if (f.path != scratch_.file("notes.txt")) {
            EXPECT_TRUE(f.sent) << f.path << ": " << f.message;
            EXPECT_EQ(f.sopInstanceUid, readFacts(f.path).sopInstanceUid);
        }
    EXPECT_EQ(server_->statistic("CountInstances"), 29);
    EXPECT_EQ(server_->statistic("CountStudies"), 2);
}

TEST_F(DicomWebTest, ErrorsNameTheUrl) {
    loadAll();
    JobContext job;
    RetrieveRequest unknown;
    unknown.studyUid = "1.2.3.4";
    EXPECT_EQ(errorOf([&] { DicomWebClient(url()).retrieve(unknown, scratch_.file("x"), job); }),
              url() + ": no study 1.2.3.4 (QIDO-RS found none)");
    EXPECT_FALSE(fs::exists(scratch_.file("x")));

    const std::string closed = "http://127.0.0.1:" + std::to_string(OrthancServer::freePort()) + "/dicom-web";
    const std::string e = errorOf([&] { DicomWebClient(closed).findStudies({}); });
    EXPECT_EQ(e.rfind(closed + "/studies", 0), 0u) << e;
    EXPECT_NE(e.find("connection refused or unreachable"), std::string::npos) << e;

    const std::string missing = errorOf([&] { DicomWebClient(url() + "/nowhere").findStudies({}); });
    EXPECT_NE(missing.find(": HTTP 404 (not found)"), std::string::npos) << missing;
    EXPECT_THROW(DicomWebClient("ftp://x/dicom-web"), std::invalid_argument);
}

}  // namespace
}  // namespace cadview::test
