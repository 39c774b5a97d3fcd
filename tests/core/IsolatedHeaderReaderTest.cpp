// IsolatedHeaderReader: DICOM headers read in child processes come back exactly as read in process; a file on
// which GDCM really aborts (a fuzz-found shape, read here without the pre-check that normally refuses it)
// ends only its child: it is named with the signal and every other file of the folder is read; a file that
// never finishes is named after the time limit; cancelling leaves no child behind.

#include <gtest/gtest.h>

#include <gdcmReader.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "TestData.h"
#include "io/DicomHeaderReader.h"
#include "io/DicomHeaderRecord.h"
#include "io/IsolatedHeaderReader.h"
#include "io/StudyIndexer.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kAbort = std::string(CADVIEW_FUZZ_REGRESSIONS) + "/dicom_file/gdcm-vr16-abort.dcm";

std::vector<std::string> ctFiles() {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dataPath("ct_chest_lung_petct/A0001_lung_kernel")))
        files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// GDCM on its own, as DicomHeaderReader would call it without DicomHeaderCheck in front.
std::optional<DicomHeaderReader::Header> rawGdcm(const std::string& path, Diagnostic& problem) {
    if (path == kAbort) {
        gdcm::Reader reader;
        reader.SetFileName(path.c_str());
        reader.ReadUpToTag(gdcm::Tag(0x7fe0, 0x0010), {gdcm::Tag(0x7fe0, 0x0010)});  // aborts
    }
    return DicomHeaderReader::read(path, problem);
}

bool noChildLeft() {
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

TEST(IsolatedHeaderReader, HeadersComeBackExactlyAsReadInProcess) {
    const std::vector<std::string> files = ctFiles();
    ASSERT_EQ(files.size(), 64u);
    JobContext job;
    IsolatedHeaderReader::Options options;
    options.workers = 3;
    const auto outcomes = IsolatedHeaderReader::read(files, job, options);
    ASSERT_EQ(outcomes.size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        Diagnostic problem;
        const auto direct = DicomHeaderReader::read(files[i], problem);
        ASSERT_TRUE(direct && outcomes[i].header) << files[i];
        EXPECT_EQ(DicomHeaderRecord::encode(*outcomes[i].header), DicomHeaderRecord::encode(*direct))
            << files[i];
    }
    EXPECT_EQ(job.progress().done, files.size());  // one step per file
    EXPECT_TRUE(noChildLeft());
}

TEST(IsolatedHeaderReader, AFileOnWhichGdcmAbortsEndsOnlyItsChild) {
    // The aborting file in the middle of a real series: files after it in the same child's share are read by
    // the child started in its place.
    std::vector<std::string> files = ctFiles();
    files.insert(files.begin() + 10, kAbort);
    JobContext job;
    IsolatedHeaderReader::Options options;
    options.workers = 2;
    options.reader = rawGdcm;
    const auto outcomes = IsolatedHeaderReader::read(files, job, options);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (i == 10) continue;
        EXPECT_TRUE(outcomes[i].header) << files[i] << ": " << outcomes[i].problem.detail;
    }
    ASSERT_FALSE(outcomes[10].header);
    EXPECT_EQ(outcomes[10].problem.subject, kAbort);
    EXPECT_EQ(outcomes[10].problem.detail, "damaged DICOM file: the DICOM library failed on it (Aborted)");
    EXPECT_TRUE(noChildLeft());
}

TEST(IsolatedHeaderReader, AFileThatNeverFinishesIsNamedAfterTheLimit) {
    const std::vector<std::string> files = ctFiles();
    JobContext job;
    IsolatedHeaderReader::Options options;
    options.workers = 1;
    options.fileSeconds = 1;
    options.reader = [&](const std::string& path, Diagnostic& problem) {
        if (path == files[3]) std::this_thread::sleep_for(std::chrono::hours(1));
        return DicomHeaderReader::read(path, problem);
    };
    const auto start = std::chrono::steady_clock::now();
    const auto outcomes = IsolatedHeaderReader::read({files[2], files[3], files[4]}, job, options);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_TRUE(outcomes[0].header);
    ASSERT_FALSE(outcomes[1].header);
    EXPECT_EQ(outcomes[1].problem.detail, "damaged DICOM file: reading its header took more than 1 s");
    EXPECT_TRUE(outcomes[2].header);
    EXPECT_TRUE(noChildLeft());
}

TEST(IsolatedHeaderReader, CancellingKillsTheChildren) {
    JobContext job;
    IsolatedHeaderReader::Options options;
    options.reader = [](const std::string&, Diagnostic&) -> std::optional<DicomHeaderReader::Header> {
        std::this_thread::sleep_for(std::chrono::hours(1));
        return std::nullopt;
    };
    std::thread cancel([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        job.requestCancel();
    });
    EXPECT_THROW(IsolatedHeaderReader::read(ctFiles(), job, options), CancelledError);
    cancel.join();
    EXPECT_TRUE(noChildLeft());
}

TEST(IsolatedHeaderReader, IndexingAFolderWithEveryFuzzFoundShapeLoadsTheSeries) {
    // The series beside every DICOM shape the fuzzers found: each is named as a problem (or, where only its
    // pixel data is hostile, is a series of its own), and the chest CT is whole.
    const std::string fuzz = std::string(CADVIEW_FUZZ_REGRESSIONS) + "/dicom_file";
    JobContext job;
    const StudyIndex index = StudyIndexer::index(
        std::vector<std::string>{dataPath("ct_chest_lung_petct/A0001_lung_kernel"), fuzz}, job);
    std::size_t whole = 0, accounted = 0;
    for (const auto& s : index.series) {
        whole += s.imageCount() == 64;
        accounted += s.instances.size() == 1 && s.instances[0].path.find("/dicom_file/") != std::string::npos;
    }
    EXPECT_EQ(whole, 1u);
    for (const auto& p : index.problems)
        accounted += p.subject.find("/dicom_file/") != std::string::npos;
    EXPECT_EQ(accounted, std::size_t(std::distance(fs::directory_iterator(fuzz), fs::directory_iterator())));
}

}  // namespace
}  // namespace cadview::test
