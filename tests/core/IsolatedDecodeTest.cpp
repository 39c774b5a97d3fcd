// Pixel data decoded by GDCM in a child process: compressed files whose headers are sound but whose pixel
// data make GDCM's decoders read or write out of bounds (RLE, JPEG 2000: SIGSEGV, or glibc's abort on the
// corrupted heap) fail as a LoadError that names the file, beside a series that still loads; ChildProcess
// itself returns the shared memory, names a death, stops a child that never finishes and passes an
// exception's message back.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "TempDir.h"
#include "TestData.h"
#include "io/ChildProcess.h"
#include "io/ChildWorkers.h"
#include "io/LoadError.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kRegressions = std::string(CADVIEW_FUZZ_REGRESSIONS) + "/dicom_file/";

// Loading `file` must leave this process alive. GDCM's out-of-bounds accesses on it land where the child's
// inherited heap puts them, so how the child dies (SIGSEGV, or glibc's abort on a corrupted heap) and, in
// principle, whether it dies at all vary with the heap: what is asserted is that a failure is this file's
// LoadError naming GDCM's death. Before decoding moved into children this test itself died (exit 139, 134).
void expectSurvived(const std::string& file) {
    SCOPED_TRACE(file);
    try {
        JobContext job;
        VolumeLoader::loadPath(file, "", {}, job);
    } catch (const LoadError& e) {
        EXPECT_EQ(e.diagnostic().subject, file);
        EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::PixelDecodeFailed);
        EXPECT_EQ(e.diagnostic().detail.rfind("the DICOM library failed on its pixel data (", 0), 0u)
            << e.diagnostic().detail;
    }
}

TEST(IsolatedDecode, GdcmCrashingOnPixelDataEndsOnlyItsChild) {
    expectSurvived(kRegressions + "gdcm-j2k-decode-abort.dcm");
    expectSurvived(kRegressions + "gdcm-rle-decode-segfault.dcm");
}

TEST(IsolatedDecode, TheSeriesBesideThemLoads) {
    TempDir dir;
    for (const auto& e : fs::directory_iterator(dataPath("ct_chest_lung_petct/A0001_lung_kernel")))
        fs::copy_file(e.path(), dir.path() / e.path().filename());
    fs::copy_file(kRegressions + "gdcm-j2k-decode-abort.dcm", dir.path() / "zz-abort.dcm");
    JobContext job;
    const Volume v = VolumeLoader::loadPath(dir.path().string(), "", {}, job);
    EXPECT_EQ(v.geometry().size[2], 64u);
    EXPECT_EQ(v.valueAt(457, 319, 0), 2976.0);  // as pydicom reads it
}

TEST(IsolatedDecode, ACompressedSeriesDecodedInChildrenIsVoxelForVoxelTheOriginal) {
    // Eight slices of the chest CT, and their JPEG-LS lossless copies made with DCMTK's dcmcjpls.
    TempDir plain, packed;
    for (int i = 1; i <= 8; ++i) {
        const std::string name = "1-0" + std::to_string(i) + ".dcm";
        fs::copy_file(dataPath("ct_chest_lung_petct/A0001_lung_kernel/" + name), plain.path() / name);
        const std::string cmd = "dcmcjpls " + plain.file(name) + " " + packed.file(name);
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    JobContext job;
    const Volume a = VolumeLoader::loadPath(plain.path().string(), "", {}, job);
    const Volume b = VolumeLoader::loadPath(packed.path().string(), "", {}, job);
    ASSERT_EQ(b.geometry().size, a.geometry().size);
    ASSERT_EQ(b.pixelType(), a.pixelType());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.bytes()), 0);
    EXPECT_TRUE(b.diagnostics().empty());
}

TEST(ChildProcess, SharedMemoryComesBackAndDeathsAreNamed) {
    char back[6] = {};
    const ChildProcess::Result ok = ChildProcess::run(
        6,
        [](void* shared) {
            std::memcpy(shared, "pixels", 6);
            return std::string("done");
        },
        [&](const void* shared) { std::memcpy(back, shared, 6); }, 10);
    EXPECT_TRUE(ok.finished);
    EXPECT_EQ(ok.reply, "done");
    EXPECT_EQ(std::string(back, 6), "pixels");

    const ChildProcess::Result aborted = ChildProcess::run(
        0, [](void*) -> std::string { std::abort(); }, {}, 10);
    EXPECT_FALSE(aborted.finished);
    EXPECT_EQ(aborted.death, "Aborted");

    const auto start = std::chrono::steady_clock::now();
    const ChildProcess::Result hung = ChildProcess::run(
        0,
        [](void*) -> std::string {
            std::this_thread::sleep_for(std::chrono::hours(1));
            return {};
        },
        {}, 1);
    EXPECT_EQ(hung.death, "took more than 1 s");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));

    try {
        ChildProcess::run(
            0, [](void*) -> std::string { throw std::invalid_argument("no such frame"); }, {}, 10);
        ADD_FAILURE() << "expected the child's exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "no such frame");
    }
}

TEST(ChildWorkers, TasksRunInChildrenThatOutliveThemAndDeathsFailOneTaskOnly) {
    const auto pid = ::getpid();
    ChildWorkers workers(
        2,
        [&](std::size_t task) -> std::string {
            if (task == 3) std::abort();
            if (task == 4) std::this_thread::sleep_for(std::chrono::hours(1));
            if (task == 5) throw std::invalid_argument("no such task");
            return std::to_string(task * 10) + (::getpid() == pid ? " here" : " in a child");
        },
        1);
    EXPECT_EQ(workers.run(1).reply, "10 in a child");
    EXPECT_EQ(workers.run(2).reply, "20 in a child");
    const ChildWorkers::Result aborted = workers.run(3);
    EXPECT_FALSE(aborted.finished);
    EXPECT_EQ(aborted.death, "Aborted");
    EXPECT_EQ(workers.run(6).reply, "60 in a child");  // a new child after the death
    const ChildWorkers::Result hung = workers.run(4);
    EXPECT_EQ(hung.death, "took more than 1 s");
    EXPECT_THROW(workers.run(5), std::runtime_error);
    // Several threads at once, each borrowing a child.
    std::vector<std::thread> threads;
    std::vector<std::string> replies(8);
    for (std::size_t t = 0; t < replies.size(); ++t)
        threads.emplace_back([&, t] { replies[t] = workers.run(100 + t).reply; });
    for (auto& t : threads)
        t.join();
    for (std::size_t t = 0; t < replies.size(); ++t)
        EXPECT_EQ(replies[t], std::to_string((100 + t) * 10) + " in a child");
}

}  // namespace
}  // namespace cadview::test
