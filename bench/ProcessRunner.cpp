#include "ProcessRunner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "BenchStats.h"

extern char** environ;

namespace cadview::bench {

namespace {

double seconds(const timeval& t) {
    return double(t.tv_sec) + double(t.tv_usec) * 1e-6;
}

}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& logPath) {
    if (argv.empty()) throw std::invalid_argument("runProcess: empty command");
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);

    ProcessResult result;
    Stopwatch clock;
    pid_t pid = 0;
    const int err = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(err));

    int status = 0;
    rusage usage{};
    pid_t waited = 0;
    do {
        waited = wait4(pid, &status, 0, &usage);
    } while (waited < 0 && errno == EINTR);
    result.wallSeconds = clock.seconds();
    if (waited != pid) throw std::runtime_error("wait4 failed for " + argv[0] + ": " + std::strerror(errno));

    if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    result.userSeconds = seconds(usage.ru_utime);
    result.systemSeconds = seconds(usage.ru_stime);
    result.maxRssKiB = usage.ru_maxrss;

    std::ifstream log(logPath);
    std::ostringstream text;
    text << log.rdbuf();
    result.output = text.str();
    return result;
}

}  // namespace cadview::bench
