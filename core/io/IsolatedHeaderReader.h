#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "image/Diagnostic.h"
#include "io/DicomHeaderReader.h"
#include "jobs/JobContext.h"

namespace cadview {

// Reads DICOM headers in child processes, so that no file can end the process that asked: Debian builds GDCM
// with assertions on, and hand-made files make it abort ("Should not happen", "is.good()"), crash or run for
// ever, shapes that a check in front of it keeps missing. Each child (fork) reads a contiguous share of the
// files with DicomHeaderReader and sends each result back as a DicomHeaderRecord; when a child dies, the file
// it was reading gets a problem naming what happened (the signal, or Options::fileSeconds without an answer)
// and a new child goes on with the rest of its share. The children start with only the forking thread, touch
// nothing but GDCM and their pipe, and leave with _exit. Cancelling the job kills them.
class IsolatedHeaderReader {
  public:
    struct Outcome {
        std::optional<DicomHeaderReader::Header> header;
        Diagnostic problem;  // when there is no header
    };
    using Reader = std::function<std::optional<DicomHeaderReader::Header>(const std::string&, Diagnostic&)>;
    struct Options {
        unsigned workers = 0;                     // children at most; 0: one per core
        int fileSeconds = 30;                     // a file taking longer ends its child
        Reader reader = DicomHeaderReader::read;  // what the children run on each file
    };
    // One outcome per file, in order. Successful headers are recorded as inputs (InputFiles). Throws
    // CancelledError when the job is cancelled.
    static std::vector<Outcome> read(const std::vector<std::string>& files, JobContext& job,
                                     const Options& options);
    static std::vector<Outcome> read(const std::vector<std::string>& files, JobContext& job);
};

}  // namespace cadview
