#pragma once

// Running cadview-cli (CADVIEW_CLI, set by tests/cli/CMakeLists.txt) or any other program through the
// shell from a test, with its exit code, stdout and stderr.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>

namespace cadview::test {

struct CliRun {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// `commandLine` runs under /bin/sh; stderr is captured through a temporary file.
inline CliRun runCommand(const std::string& commandLine) {
    namespace fs = std::filesystem;
    static std::atomic<int> counter{0};
    const fs::path errFile = fs::temp_directory_path() / ("cadview-cli-test-" + std::to_string(::getpid()) +
                                                          "-" + std::to_string(counter++) + ".err");
    const std::string cmd = commandLine + " 2>" + errFile.string();
    CliRun r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
        r.out.append(buf.data(), n);
    const int status = ::pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (FILE* e = std::fopen(errFile.c_str(), "r")) {
        while ((n = std::fread(buf.data(), 1, buf.size(), e)) > 0)
            r.err.append(buf.data(), n);
        std::fclose(e);
    }
    fs::remove(errFile);
    return r;
}

// cadview-cli with `args` (already quoted as the shell needs).
inline CliRun runCli(const std::string& args) {
    return runCommand(std::string(CADVIEW_CLI) + " " + args);
}

inline std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

}  // namespace cadview::test
