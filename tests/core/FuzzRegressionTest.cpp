// Replays every input the fuzzers found (tests/fuzz-regressions/<target>/, one folder per fuzz target)
// through the same code as the target (fuzz/FuzzInputs.cpp), each in a forked child so that an abort
// or a crash fails one assertion instead of the suite: each input must end with a result or a clear
// error (the runner returns), never a crash, an abort or another exception, and without the child's
// resident memory growing by more than kMaxGrowthBytes (a loader that believes a length field in a small
// file can allocate gigabytes).

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "FuzzInputs.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = CADVIEW_FUZZ_REGRESSIONS;
constexpr long kMaxGrowthBytes = 512L << 20;

// Resident memory of this process, from /proc/self/statm.
long residentBytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

// "" when `run` returned normally on `bytes` in a child process; otherwise how the child ended.
std::string replayInChild(fuzz::Runner run, const std::vector<std::uint8_t>& bytes) {
    const long before = residentBytes();  // the child starts with (at most) what this process holds
    const pid_t pid = fork();
    if (pid == 0) {
        try {
            run(bytes.data(), bytes.size());
            std::_Exit(0);
        } catch (...) {
            std::_Exit(3);
        }
    }
    if (pid < 0) return "fork failed";
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) return "wait4 failed";
    const long growth = usage.ru_maxrss * 1024L - before;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && growth > kMaxGrowthBytes)
        return "resident memory grew by " + std::to_string(growth >> 20) + " MiB";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return WEXITSTATUS(status) == 3 ? "an exception escaped"
                                    : "exit code " + std::to_string(WEXITSTATUS(status));
}

std::vector<std::uint8_t> readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(FuzzRegressionTest, TheReplayCatchesCrashesEscapingExceptionsAndMemoryGrowth) {
    const std::vector<std::uint8_t> bytes{1, 2, 3};
    EXPECT_EQ(replayInChild([](const std::uint8_t*, std::size_t) {}, bytes), "");
    EXPECT_EQ(replayInChild([](const std::uint8_t*, std::size_t) { std::abort(); }, bytes),
              "killed by signal " + std::to_string(SIGABRT));
    EXPECT_EQ(replayInChild([](const std::uint8_t*, std::size_t) { throw 1; }, bytes),
              "an exception escaped");
    EXPECT_EQ(replayInChild(
                  [](const std::uint8_t*, std::size_t) {
                      std::vector<char> big(std::size_t(kMaxGrowthBytes) + (64 << 20), 1);
                      if (big[12345] != 1) std::abort();
                  },
                  bytes)
                  .rfind("resident memory grew by", 0),
              0u);
}

TEST(FuzzRegressionTest, EveryFolderNamesAFuzzTarget) {
    ASSERT_TRUE(fs::is_directory(kRegressions)) << kRegressions;
    for (const auto& entry : fs::directory_iterator(kRegressions)) {
        if (!entry.is_directory()) continue;
        EXPECT_NE(fuzz::findTarget(entry.path().filename().string()), nullptr) << entry.path();
    }
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, EveryInputEndsWithAResultOrAClearError) {
    const fuzz::Target* target = fuzz::findTarget(GetParam());
    ASSERT_NE(target, nullptr);
    const fs::path folder = kRegressions / GetParam();
    if (!fs::is_directory(folder)) GTEST_SKIP() << "no regression inputs for " << GetParam();
    std::size_t inputs = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().filename().string().rfind("README", 0) == 0) continue;
        ++inputs;
        EXPECT_EQ(replayInChild(target->run, readBytes(entry.path())), "") << entry.path();
    }
    EXPECT_GT(inputs, 0u) << folder;
}

std::vector<std::string> targetNames() {
    std::vector<std::string> names;
    for (const fuzz::Target& t : fuzz::targets())
        names.push_back(t.name);
    return names;
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegression, ::testing::ValuesIn(targetNames()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace cadview::test
