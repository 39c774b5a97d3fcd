#include "io/IsolatedHeaderReader.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "io/ChildProcess.h"
#include "io/DicomHeaderRecord.h"
#include "io/InputFiles.h"

namespace cadview {

namespace {

using Clock = std::chrono::steady_clock;

// The child: reads files [begin, end) and sends one frame each (index, length, record), `batch` frames to a
// write (fewer wake-ups of the parent; a child started after a death writes each frame at once, so that a
// second death names its file exactly); never returns.
[[noreturn]] void serve(const std::vector<std::string>& files, std::size_t begin, std::size_t end, int fd,
                        const IsolatedHeaderReader::Reader& reader, std::size_t batch) {
    std::string pending;
    for (std::size_t i = begin; i < end; ++i) {
        std::string record;
        try {
            Diagnostic problem;
            const auto header = reader(files[i], problem);
            record = header ? DicomHeaderRecord::encode(*header) : DicomHeaderRecord::encode(problem);
        } catch (const std::exception& e) {
            record = DicomHeaderRecord::encode(
                Diagnostic::error(Diagnostic::Code::UnreadableFile, files[i],
                                  std::string("the header cannot be read: ") + e.what()));
        }
        const std::uint32_t frame[2] = {std::uint32_t(i), std::uint32_t(record.size())};
        pending.append(reinterpret_cast<const char*>(frame), sizeof frame);
        pending += record;
        if ((i - begin + 1) % batch == 0 || i + 1 == end) {
            if (!ChildProcess::sendAll(fd, pending.data(), pending.size())) ::_exit(1);
            pending.clear();
        }
    }
    ::_exit(0);
}

struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::size_t next = 0, end = 0;  // the first file not answered yet, and the end of its share
    std::size_t batch = 16;         // frames per write; 1 once a child of this share has died
    std::string buffer;
    Clock::time_point lastAnswer;
    bool timedOut = false;
};

class Children {
  public:
    Children(const std::vector<std::string>& files, const IsolatedHeaderReader::Reader& reader)
        : files_(files), reader_(reader) {}
    ~Children() {
        for (Child& c : children_)
            stop(c);
    }

    void start(std::size_t begin, std::size_t end) {
        Child c;
        c.next = begin;
        c.end = end;
        spawn(c);
        children_.push_back(std::move(c));
    }

    std::vector<Child>& all() { return children_; }

    void spawn(Child& c) {
        std::vector<int> siblings;
        for (const Child& other : children_)
            siblings.push_back(other.fd);
        const ChildProcess::Started started = ChildProcess::start(
            [&](int socket) { serve(files_, c.next, c.end, socket, reader_, c.batch); }, siblings);
        c.pid = started.pid;
        c.fd = started.socket;
        c.buffer.clear();
        c.timedOut = false;
        c.lastAnswer = Clock::now();
    }

    // Closes the socket and reaps the process; its wait status.
    static int stop(Child& c) {
        int status = 0;
        if (c.fd >= 0) ::close(c.fd);
        c.fd = -1;
        if (c.pid > 0) {
            ::kill(c.pid, SIGKILL);
            while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
        c.pid = -1;
        return status;
    }

  private:
    const std::vector<std::string>& files_;
    const IsolatedHeaderReader::Reader& reader_;
    std::vector<Child> children_;
};

Diagnostic death(const std::string& file, int status, bool timedOut, int seconds) {
    std::string what;
    if (timedOut)
        what = "reading its header took more than " + std::to_string(seconds) + " s";
    else
        what = "the DICOM library failed on it (" + ChildProcess::describe(status) + ")";
    return Diagnostic::error(Diagnostic::Code::UnreadableFile, file, "damaged DICOM file: " + what);
}

// Takes every whole frame out of the child's buffer.
void takeFrames(Child& c, std::vector<IsolatedHeaderReader::Outcome>& out,
                const std::vector<std::string>& files, JobContext& job) {
    std::size_t at = 0;
    while (c.buffer.size() - at >= 8) {
        std::uint32_t frame[2];
        std::memcpy(frame, c.buffer.data() + at, sizeof frame);
        if (c.buffer.size() - at - 8 < frame[1]) break;
        if (frame[0] != c.next) throw std::runtime_error("header reader out of step");
        IsolatedHeaderReader::Outcome& o = out[frame[0]];
        DicomHeaderReader::Header h;
        if (DicomHeaderRecord::decode(c.buffer.substr(at + 8, frame[1]), h, o.problem)) {
            InputFiles::remember(files[frame[0]]);
            o.header = std::move(h);
        }
        at += 8 + frame[1];
        ++c.next;
        c.lastAnswer = Clock::now();
        job.advance();
    }
    c.buffer.erase(0, at);
}

}  // namespace

std::vector<IsolatedHeaderReader::Outcome> IsolatedHeaderReader::read(const std::vector<std::string>& files,
                                                                      JobContext& job,
                                                                      const Options& options) {
    std::vector<Outcome> out(files.size());
    if (files.empty()) return out;
    unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
    workers = unsigned(std::min<std::size_t>(workers, files.size()));
    Children children(files, options.reader);
    for (unsigned k = 0; k < workers; ++k)
        children.start(files.size() * k / workers, files.size() * (k + 1) / workers);

    char chunk[1 << 16];
    for (;;) {
        std::vector<pollfd> fds;
        std::vector<Child*> polled;
        for (Child& c : children.all())
            if (c.fd >= 0) {
                fds.push_back({c.fd, POLLIN, 0});
                polled.push_back(&c);
            }
        if (fds.empty()) break;
        job.throwIfCancelled();  // ~Children kills and reaps them
        if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        for (std::size_t k = 0; k < fds.size(); ++k) {
            Child& c = *polled[k];
            if (fds[k].revents == 0) {
                if (Clock::now() - c.lastAnswer > std::chrono::seconds(options.fileSeconds)) {
                    c.timedOut = true;
                    ::kill(c.pid, SIGKILL);
                }
                continue;
            }
            const ssize_t n = ::read(c.fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n > 0) {
                c.buffer.append(chunk, std::size_t(n));
                takeFrames(c, out, files, job);
                continue;
            }
            const bool timedOut = c.timedOut;
            const int status = Children::stop(c);
            if (c.next >= c.end) continue;  // finished its share
            if (c.batch > 1) {  // the file is one of a batch not sent yet: read them again, one at a time
                c.batch = 1;
                children.spawn(c);
                continue;
            }
            out[c.next].problem = death(files[c.next], status, timedOut, options.fileSeconds);
            job.advance();
            if (++c.next < c.end) children.spawn(c);
        }
    }
    return out;
}

std::vector<IsolatedHeaderReader::Outcome> IsolatedHeaderReader::read(const std::vector<std::string>& files,
                                                                      JobContext& job) {
    return read(files, job, Options());
}

}  // namespace cadview
