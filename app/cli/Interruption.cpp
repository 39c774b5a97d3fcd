#include "Interruption.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <thread>

#include "jobs/JobContext.h"

namespace cadview::cli {

namespace {

std::atomic<int> code{0};

// Waits for SIGINT or SIGTERM for at most `seconds` (forever when <= 0); the signal, or 0 on time-out.
int waitForSignal(const sigset_t& set, double seconds) {
    for (;;) {
        int signal = 0;
        if (seconds <= 0) {
            if (sigwait(&set, &signal) == 0) return signal;
            continue;
        }
        timespec wait{};
        wait.tv_sec = time_t(seconds);
        wait.tv_nsec = long((seconds - std::floor(seconds)) * 1e9);
        const int got = sigtimedwait(&set, nullptr, &wait);
        if (got > 0) return got;
        if (errno == EAGAIN) return 0;
    }
}

void say(const char* text) {
    const ssize_t ignored = ::write(STDERR_FILENO, text, __builtin_strlen(text));
    (void)ignored;
}

void watch(sigset_t set, double timeoutSeconds) {
    const int signal = waitForSignal(set, timeoutSeconds);
    code = signal == SIGINT ? 130 : signal == SIGTERM ? 143 : 124;
    say(signal ? "cadview-cli: interrupted; cancelling\n" : "cadview-cli: --timeout reached; cancelling\n");
    JobContext::requestCancelAll();
    if (waitForSignal(set, Interruption::kGraceSeconds) == 0)
        say("cadview-cli: the command did not stop within 5 s of cancelling; exiting\n");
    else
        say("cadview-cli: interrupted again; exiting\n");
    std::_Exit(code);
}

}  // namespace

void Interruption::arm(double timeoutSeconds) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // threads started later inherit the mask
    std::thread(watch, set, timeoutSeconds).detach();
}

int Interruption::exitCode() {
    return code;
}

}  // namespace cadview::cli
