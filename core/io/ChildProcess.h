#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

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
    // How a child with wait status `status` ended, in words ("Aborted", "exit 3").
    static std::string describe(int status);
    // `bytes` of memory that children forked later write into and this process reads (MAP_SHARED), for
    // example a volume that child processes decode into; freed when the last owner lets go.
    static std::shared_ptr<std::byte[]> sharedBuffer(std::size_t bytes);
};

}  // namespace cadview
