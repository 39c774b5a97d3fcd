#include "io/ChildWorkers.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "io/ChildProcess.h"

namespace cadview {

namespace {

// Reads exactly `n` bytes, waiting until `deadline`; false on end of file, error or time-out (`late`).
bool readAll(int fd, void* data, std::size_t n, std::chrono::steady_clock::time_point deadline, bool& late) {
    auto* p = static_cast<char*>(data);
    while (n > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            late = true;
            return false;
        }
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, int(std::min<long long>(left.count(), 1000))) <= 0) continue;
        const ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= std::size_t(r);
    }
    return true;
}

// The child: runs each task it is sent and answers with the reply's length and bytes; leaves when the
// parent closes its end.
[[noreturn]] void serve(int fd, const ChildWorkers::Work& work) {
    for (;;) {
        std::uint64_t task = 0;
        bool late = false;
        if (!readAll(fd, &task, sizeof task, std::chrono::steady_clock::time_point::max(), late)) ::_exit(0);
        std::string reply(1,
                          'R');  // appended piece by piece: GCC 12 misreports "R" + std::string (-Wrestrict)
        try {
            reply += work(std::size_t(task));
        } catch (const std::exception& e) {
            reply.assign(1, 'E');
            reply += e.what();
        }
        const std::uint64_t n = reply.size();
        if (!ChildProcess::sendAll(fd, &n, sizeof n) ||
            !ChildProcess::sendAll(fd, reply.data(), reply.size()))
            ::_exit(1);
    }
}

}  // namespace

ChildWorkers::ChildWorkers(unsigned workers, Work work, int seconds)
    : work_(std::move(work)), seconds_(seconds), children_(std::max(1u, workers)) {}

ChildWorkers::~ChildWorkers() {
    for (Child& c : children_)
        stop(c);
}

void ChildWorkers::spawn(Child& c) {
    std::vector<int> siblings;
    for (const Child& other : children_)
        siblings.push_back(other.socket);
    const ChildProcess::Started started =
        ChildProcess::start([&](int socket) { serve(socket, work_); }, siblings);
    c.pid = started.pid;
    c.socket = started.socket;
}

void ChildWorkers::stop(Child& c) {
    if (c.socket >= 0) ::close(c.socket);
    c.socket = -1;
    if (c.pid > 0) {
        ::kill(c.pid, SIGKILL);
        int status = 0;
        while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    c.pid = -1;
}

ChildWorkers::Result ChildWorkers::run(std::size_t task) {
    Child* c = nullptr;
    {
        std::unique_lock lock(mutex_);
        for (;;) {
            for (Child& candidate : children_)
                if (!candidate.busy) {
                    c = &candidate;
                    break;
                }
            if (c) break;
            freed_.wait(lock);
        }
        c->busy = true;
        if (c->pid < 0) {
            try {
                spawn(*c);
            } catch (...) {
                c->busy = false;
                throw;
            }
        }
    }
    Result r;
    const std::uint64_t index = task;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds_);
    bool late = false;
    std::uint64_t n = 0;
    if (ChildProcess::sendAll(c->socket, &index, sizeof index) &&
        readAll(c->socket, &n, sizeof n, deadline, late)) {
        r.reply.resize(std::size_t(n));
        r.finished = readAll(c->socket, r.reply.data(), r.reply.size(), deadline, late);
    }
    if (!r.finished) {
        // Dead, or stuck: reap it and say how it ended; the next task forks a new one.
        if (late) ::kill(c->pid, SIGKILL);
        ::close(c->socket);
        c->socket = -1;
        int status = 0;
        while (::waitpid(c->pid, &status, 0) < 0 && errno == EINTR) {
        }
        c->pid = -1;
        r.death = late ? "took more than " + std::to_string(seconds_) + " s" : ChildProcess::describe(status);
    }
    {
        std::lock_guard lock(mutex_);
        c->busy = false;
    }
    freed_.notify_one();
    if (r.finished && !r.reply.empty() && r.reply[0] == 'E') throw std::runtime_error(r.reply.substr(1));
    if (r.finished) r.reply.erase(0, 1);
    return r;
}

}  // namespace cadview
