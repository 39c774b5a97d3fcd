#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cadview {

// Runs a piece of work in a forked child process that may die, for libraries that can end the process on
// hostile input (GDCM asserts and crashes): the child writes up to `sharedBytes` into memory shared with the
// parent and returns a short reply; the parent gets both, or learns how the child ended. The child starts
// with only the calling thread and leaves with _exit; the work must not start threads.
class ChildProcess {
  public:
    struct Result {
        bool finished = false;  // the work returned; `reply` holds what it returned
        std::string reply;
        std::string death;  // otherwise how the child ended: "Aborted", "took more than 300 s", ...
    };
    // `work` runs in the child with the shared buffer; when it returned, `collect` runs in the parent with
    // the buffer as the child left it. The child is killed after `seconds`. An exception escaping `work`
    // is rethrown in the parent as std::runtime_error with its message.
    static Result run(std::size_t sharedBytes, const std::function<std::string(void* shared)>& work,
                      const std::function<void(const void* shared)>& collect, int seconds);
    // Forks a child connected to this process by a socket pair: the child closes `closeInChild` (other
    // children's sockets, so that it cannot hide their deaths) and runs `child` with its end, then leaves
    // with _exit(0); the parent gets the child's process id and its own end. Throws std::runtime_error.
    struct Started {
        int pid = -1;
        int socket = -1;
    };
    static Started start(const std::function<void(int socket)>& child,
                         const std::vector<int>& closeInChild = {});

    // Writes all `n` bytes to a socket from start(); false when the other side is gone (never SIGPIPE).
    static bool sendAll(int socket, const void* data, std::size_t n);

    // How a child with wait status `status` ended, in words ("Aborted", "exit 3").
    static std::string describe(int status);
    // `bytes` of memory that children forked later write into and this process reads (MAP_SHARED), for
    // example a volume that child processes decode into; freed when the last owner lets go.
    static std::shared_ptr<std::byte[]> sharedBuffer(std::size_t bytes);
};

}  // namespace cadview
