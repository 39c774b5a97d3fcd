#include "io/ChildProcess.h"

#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <new>
#include <stdexcept>

namespace cadview {

namespace {

// A shared anonymous mapping, unmapped on scope exit.
class SharedMemory {
  public:
    explicit SharedMemory(std::size_t bytes) : bytes_(bytes) {
        if (bytes_ == 0) return;
        data_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (data_ == MAP_FAILED) {
            data_ = nullptr;
            throw std::runtime_error(std::string("cannot map shared memory: ") + std::strerror(errno));
        }
    }
    ~SharedMemory() {
        if (data_) ::munmap(data_, bytes_);
    }
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;
    void* data() const { return data_; }

  private:
    std::size_t bytes_;
    void* data_ = nullptr;
};

[[noreturn]] void childMain(int fd, void* shared, const std::function<std::string(void*)>& work) {
    std::string reply;
    try {
        reply = "R" + work(shared);
    } catch (const std::exception& e) {
        reply = std::string("E") + e.what();
    } catch (...) {
        reply = "Eunknown exception";
    }
    ::_exit(ChildProcess::sendAll(fd, reply.data(), reply.size()) ? 0 : 1);
}

}  // namespace

std::shared_ptr<std::byte[]> ChildProcess::sharedBuffer(std::size_t bytes) {
    void* p = ::mmap(nullptr, std::max<std::size_t>(bytes, 1), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return std::shared_ptr<std::byte[]>(
        static_cast<std::byte*>(p), [bytes](std::byte* q) { ::munmap(q, std::max<std::size_t>(bytes, 1)); });
}

ChildProcess::Started ChildProcess::start(const std::function<void(int)>& child,
                                          const std::vector<int>& closeInChild) {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        throw std::runtime_error(std::string("cannot create a socket pair: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pair[0]);
        ::close(pair[1]);
        throw std::runtime_error(std::string("cannot start a child process: ") + std::strerror(errno));
    }
    if (pid == 0) {
        for (const int fd : closeInChild)
            if (fd >= 0) ::close(fd);
        ::close(pair[0]);
        child(pair[1]);
        ::_exit(0);
    }
    ::close(pair[1]);
    return {pid, pair[0]};
}

bool ChildProcess::sendAll(int socket, const void* data, std::size_t n) {
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t w = ::send(socket, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= std::size_t(w);
    }
    return true;
}

std::string ChildProcess::describe(int status) {
    if (WIFSIGNALED(status)) return ::strsignal(WTERMSIG(status));
    return "exit " + std::to_string(WEXITSTATUS(status));
}

ChildProcess::Result ChildProcess::run(std::size_t sharedBytes, const std::function<std::string(void*)>& work,
                                       const std::function<void(const void*)>& collect, int seconds) {
    SharedMemory shared(sharedBytes);
    const Started started = start([&](int socket) { childMain(socket, shared.data(), work); });
    const pid_t pid = started.pid;
    const int socket = started.socket;
    std::string reply;
    bool timedOut = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char chunk[4096];
    for (;;) {
        pollfd p{socket, POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(&p, 1, int(std::min<long long>(left.count(), 1000))) <= 0) continue;
        const ssize_t n = ::read(socket, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        reply.append(chunk, std::size_t(n));
    }
    ::close(socket);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Result r;
    if (timedOut) {
        r.death = "took more than " + std::to_string(seconds) + " s";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !reply.empty()) {
        if (reply[0] == 'E') throw std::runtime_error(reply.substr(1));
        r.finished = true;
        r.reply = reply.substr(1);
        if (collect) collect(shared.data());
    } else {
        r.death = describe(status);
    }
    return r;
}

}  // namespace cadview
