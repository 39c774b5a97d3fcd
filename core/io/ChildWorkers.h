#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cadview {

// A pool of child processes that stay up for a whole job and run numbered tasks for it, for libraries that
// can end the process on hostile input (GDCM). A child is forked when a task first needs one, so it holds
// everything the job built before that; results travel back as a short reply, and bulk data through memory
// shared with the parent (ChildProcess::sharedBuffer). A child that dies, or takes more than `seconds` on
// one task, fails that task only; the next task gets a new child. Thread-safe: each caller thread borrows a
// free child for its task. The work must not start threads.
class ChildWorkers {
  public:
    using Work = std::function<std::string(std::size_t task)>;
    struct Result {
        bool finished = false;
        std::string reply;  // what the work returned
        std::string death;  // otherwise how the child ended: "Aborted", "took more than 300 s", ...
    };
    ChildWorkers(unsigned workers, Work work, int seconds);
    ~ChildWorkers();
    ChildWorkers(const ChildWorkers&) = delete;
    ChildWorkers& operator=(const ChildWorkers&) = delete;

    Result run(std::size_t task);

  private:
    struct Child {
        int pid = -1;
        int socket = -1;  // our end of a socket pair: tasks go down, replies come up
        bool busy = false;
    };
    void spawn(Child& c);  // with mutex_ held
    static void stop(Child& c);

    Work work_;
    int seconds_;
    std::vector<Child> children_;
    std::mutex mutex_;
    std::condition_variable freed_;
};

}  // namespace cadview
