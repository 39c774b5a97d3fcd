// cadview-cli pacs echo|find|get|send against a real Orthanc started per test (tests/pacs/OrthancServer),
// with the real head CT series and two single-file studies from ../shared/data.
#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "CliRunner.h"
#include "OrthancServer.h"
#include "PacsTestData.h"
#include "TestFolder.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

class PacsCli : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!OrthancServer::installed())
            GTEST_SKIP() << OrthancServer::kBinary << " is not installed (apt-get install orthanc)";
        server_ = std::make_unique<OrthancServer>();
    }
    // The node flags for our Orthanc.
    std::string node() const {
        return std::string("--aet ") + OrthancServer::kAeTitle + " --host 127.0.0.1 --port " +
               std::to_string(server_->dicomPort()) + " --calling-aet " + OrthancServer::kOurAeTitle;
    }
    std::string label() const {
        return std::string(OrthancServer::kAeTitle) + "@127.0.0.1:" + std::to_string(server_->dicomPort());
    }
    void loadAll() {
        ASSERT_EQ(server_->upload(filesIn(kHeadCt)), 28);
        ASSERT_EQ(server_->upload({kCtSmall, kMrSmall}), 2);
    }

    std::unique_ptr<OrthancServer> server_;
};

TEST_F(PacsCli, Echo) {
    const CliRun r = runCli("pacs echo " + node());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind("C-ECHO " + label() + ": success (", 0), 0u) << r.out;
}

TEST_F(PacsCli, SendAFolderAndFiles) {
    TempDir dir;
    std::ofstream(dir.file("notes.txt")) << "not DICOM\n";
    const CliRun r = runCli("pacs send " + node() + " " + quoted(kHeadCt) + " " + quoted(kCtSmall) + " " +
                            quoted(kMrSmall) + " " + quoted(dir.file("notes.txt")) + " --progress");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "sent 30 files to " + label() + "; skipped 1 (not DICOM, or no meta header)\n");
    EXPECT_NE(r.err.find("note: " + dir.file("notes.txt") + ": skipped: not a DICOM file"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("cadview-cli: pacs send: sending 30/30"), std::string::npos) << r.err;
    EXPECT_EQ(server_->statistic("CountInstances"), 30);
    EXPECT_EQ(server_->statistic("CountStudies"), 3);

    // Nothing DICOM at all: an error.
    const CliRun none = runCli("pacs send " + node() + " " + quoted(dir.file("notes.txt")));
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("no DICOM file to send"), std::string::npos) << none.err;
}

TEST_F(PacsCli, FindJsonAtEachLevel) {
    loadAll();
    const CliRun studies = runCli("pacs find " + node() + " --level study --dates 20040101-20041231 --json");
    ASSERT_EQ(studies.exitCode, 0) << studies.err;
    const nlohmann::json s = nlohmann::json::parse(studies.out);
    EXPECT_EQ(s["level"], "study");
    EXPECT_EQ(s["node"], label());
    EXPECT_EQ(s["count"], 2);
    std::set<std::string> uids;
    for (const auto& r : s["results"])
        uids.insert(r["studyInstanceUid"].get<std::string>());
    EXPECT_EQ(uids, (std::set<std::string>{kCtSmallStudyUid, kMrSmallStudyUid}));

    const CliRun head =
        runCli("pacs find " + node() + " --level study --modality CT --date-to 20031231 --json");
    ASSERT_EQ(head.exitCode, 0) << head.err;
    EXPECT_EQ(nlohmann::json::parse(head.out)["count"], 0);  // the head CT has no date, CT_small is 2004

    const CliRun series =
        runCli("pacs find " + node() + " --level series --study-uid " + kHeadStudyUid + " --json");
    ASSERT_EQ(series.exitCode, 0) << series.err;
    const nlohmann::json se = nlohmann::json::parse(series.out);
    ASSERT_EQ(se["count"], 1);
    EXPECT_EQ(se["results"][0]["seriesInstanceUid"], kHeadSeriesUid);
    EXPECT_EQ(se["results"][0]["modality"], "CT");
    EXPECT_EQ(se["results"][0]["numberOfInstances"], 28);

    const CliRun patients =
        runCli("pacs find " + node() + " --level patient --patient-name 'CompressedSamples*' --json");
    ASSERT_EQ(patients.exitCode, 0) << patients.err;
    const nlohmann::json p = nlohmann::json::parse(patients.out);
    ASSERT_EQ(p["count"], 2);
    std::set<std::string> ids;
    for (const auto& r : p["results"])
        ids.insert(r["patientId"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"1CT1", "4MR1"}));

    // Text output: a header and one line per match.
    const CliRun text = runCli("pacs find " + node() + " --level series --modality MR");
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out, "SeriesInstanceUID\tNumber\tModality\tInstances\tStudyInstanceUID\tDescription\n" +
                            kMrSmallSeriesUid + "\t1\tMR\t1\t" + kMrSmallStudyUid + "\t\n");

    const CliRun bad = runCli("pacs find " + node() + " --level patient --modality CT");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("patient-level queries match the patient name and ID only"), std::string::npos)
        << bad.err;
    const CliRun badDates = runCli("pacs find " + node() + " --dates 2004-01-01");
    EXPECT_EQ(badDates.exitCode, 1);
    EXPECT_NE(badDates.err.find("is not YYYYMMDD-YYYYMMDD"), std::string::npos) << badDates.err;
}

void expectHeadCt(const std::string& out) {
    const std::map<std::string, std::string> original = pixelsBySop(kHeadCt), received = pixelsBySop(out);
    ASSERT_EQ(received.size(), 28u);
    for (const auto& [sop, pixels] : original) {
        ASSERT_EQ(received.count(sop), 1u) << sop;
        EXPECT_TRUE(received.at(sop) == pixels) << sop;
    }
    EXPECT_EQ(entriesIn(out), (std::set<std::string>{kHeadStudyUid}));
}

TEST_F(PacsCli, GetByCGetAndByCMove) {
    loadAll();
    TempDir dir;
    const CliRun get = runCli("pacs get " + node() + " --study-uid " + kHeadStudyUid + " --series-uid " +
                              kHeadSeriesUid + " --output " + quoted(dir.file("get")) + " --progress");
    ASSERT_EQ(get.exitCode, 0) << get.err;
    EXPECT_EQ(
        get.out.rfind("retrieved 28 instances by C-GET from " + label() + " into " + dir.file("get"), 0), 0u)
        << get.out;
    EXPECT_NE(get.err.find("cadview-cli: pacs get: receiving 28/28"), std::string::npos) << get.err;
    expectHeadCt(dir.file("get"));

    const CliRun move =
        runCli("pacs get " + node() + " --study-uid " + kHeadStudyUid + " --output " +
               quoted(dir.file("move")) + " --move --move-port " + std::to_string(server_->movePort()));
    ASSERT_EQ(move.exitCode, 0) << move.err;
    EXPECT_EQ(move.out.rfind("retrieved 28 instances by C-MOVE", 0), 0u) << move.out;
    expectHeadCt(dir.file("move"));

    const CliRun missing =
        runCli("pacs get " + node() + " --study-uid 1.2.3 --output " + quoted(dir.file("none")));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(missing.err,
              "cadview-cli: pacs get: " + label() + ": no study 1.2.3 on the node (C-FIND found none)\n");
    EXPECT_FALSE(fs::exists(dir.file("none")));
}

TEST_F(PacsCli, DicomWebFindGetSend) {
    if (::access(OrthancServer::kDicomWebPlugin, R_OK) != 0) GTEST_SKIP() << "no orthanc-dicomweb";
    TempDir dir;
    const std::string web =
        "--dicomweb http://127.0.0.1:" + std::to_string(server_->httpPort()) + "/dicom-web";
    const CliRun send = runCli("pacs send " + web + " " + quoted(kHeadCt) + " " + quoted(kCtSmall));
    ASSERT_EQ(send.exitCode, 0) << send.err;
    EXPECT_EQ(send.out,
              "sent 29 files to http://127.0.0.1:" + std::to_string(server_->httpPort()) + "/dicom-web\n");
    EXPECT_EQ(server_->statistic("CountInstances"), 29);

    const CliRun find = runCli("pacs find " + web + " --level series --modality CT --json");
    ASSERT_EQ(find.exitCode, 0) << find.err;
    const nlohmann::json f = nlohmann::json::parse(find.out);
    EXPECT_EQ(f["count"], 2);
    std::set<int> counts;
    for (const auto& r : f["results"])
        counts.insert(r["numberOfInstances"].get<int>());
    EXPECT_EQ(counts, (std::set<int>{1, 28}));

    const CliRun get =
        runCli("pacs get " + web + " --study-uid " + kHeadStudyUid + " --output " + quoted(dir.file("web")));
    ASSERT_EQ(get.exitCode, 0) << get.err;
    EXPECT_EQ(get.out.rfind("retrieved 28 instances by WADO-RS from http://127.0.0.1:", 0), 0u) << get.out;
    EXPECT_EQ(get.err, "");
    expectHeadCt(dir.file("web"));

    const CliRun patients = runCli("pacs find " + web + " --level patient");
    EXPECT_EQ(patients.exitCode, 1);
    EXPECT_NE(patients.err.find("searches studies and series, not patients"), std::string::npos)
        << patients.err;
}

TEST(PacsCliErrors, ClosedPortBadFlagsAndHelp) {
    const int port = OrthancServer::freePort();
    const auto start = std::chrono::steady_clock::now();
    const CliRun r = runCli("pacs echo --aet NOBODY --host 127.0.0.1 --port " + std::to_string(port));
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "cadview-cli: pacs echo: NOBODY@127.0.0.1:" + std::to_string(port) +
                         ": C-ECHO: connection refused (nothing listens on port " + std::to_string(port) +
                         " of 127.0.0.1)\n");

    const CliRun longAe = runCli("pacs echo --aet SEVENTEEN_CHARS_X --host 127.0.0.1");
    EXPECT_EQ(longAe.exitCode, 1);
    EXPECT_NE(longAe.err.find("is 17 characters long (at most 16)"), std::string::npos) << longAe.err;
    const CliRun badPort = runCli("pacs echo --aet A --host 127.0.0.1 --port 70000");
    EXPECT_NE(badPort.exitCode, 0);
    const CliRun moveNoPort =
        runCli("pacs get --aet A --host 127.0.0.1 --study-uid 1.2 --output /tmp/x --move");
    EXPECT_EQ(moveNoPort.exitCode, 1);
    EXPECT_NE(moveNoPort.err.find("--move needs --move-port"), std::string::npos) << moveNoPort.err;

    const CliRun noNode = runCli("pacs find --level study");
    EXPECT_EQ(noNode.exitCode, 1);
    EXPECT_EQ(noNode.err, "cadview-cli: pacs find needs --aet and --host (or --dicomweb URL)\n");

    for (const std::string action : {"echo", "find", "get", "send"}) {
        const CliRun help = runCli("pacs " + action + " --help");
        EXPECT_EQ(help.exitCode, 0) << action;
        for (const char* flag : {"--aet", "--host", "--port", "--calling-aet", "--timeout"})
            EXPECT_NE(help.out.find(flag), std::string::npos) << action << " " << flag;
    }
    const CliRun findHelp = runCli("pacs find --help");
    for (const char* flag : {"--level", "--patient-name", "--patient-id", "--date-from", "--date-to",
                             "--dates", "--modality", "--study-uid", "--json"})
        EXPECT_NE(findHelp.out.find(flag), std::string::npos) << flag;
    const CliRun getHelp = runCli("pacs get --help");
    for (const char* flag :
         {"--study-uid", "--series-uid", "--output", "--move", "--move-port", "--progress"})
        EXPECT_NE(getHelp.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace cadview::test
