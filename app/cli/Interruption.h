#pragma once

namespace cadview::cli {

// How cadview-cli stops on SIGINT, SIGTERM or --timeout: every job is cancelled
// (JobContext::requestCancelAll, as the viewer's Cancel does), so the command ends between two steps and
// writes nothing partial. A model stuck inside one call cannot see that, so if the command has not ended
// kGraceSeconds later (or on a second signal) the process exits at once; outputs are written atomically, so
// nothing half-written is left. Exit codes: 130 for SIGINT, 143 for SIGTERM, 124 for the timeout.
class Interruption {
  public:
    static constexpr int kGraceSeconds = 5;
    // Call in main before any thread starts: blocks the signals in every thread and starts the watcher.
    // `timeoutSeconds` <= 0: no timeout.
    static void arm(double timeoutSeconds);
    // The exit code when the command was interrupted or timed out; 0 when it was not.
    static int exitCode();
};

}  // namespace cadview::cli
