#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

#include "jobs/JobContext.h"

namespace cadview {

// Runs a core job on a worker thread. Progress, success, failure and cancellation come back as
// signals on the GUI thread (queued); the GUI thread never waits. The work function stores its result
// in state it captured; read it in the `succeeded` handler. Deleting the object while the work runs
// cancels it, and its late signals are dropped.
class BackgroundJob : public QObject {
    Q_OBJECT
  public:
    using Work = std::function<void(JobContext&)>;

    explicit BackgroundJob(Work work, QObject* parent = nullptr);
    ~BackgroundJob() override;

    void start();
    void cancel();
    bool isRunning() const { return running_; }

    // A plain-words name of a job stage ("Reading headers", ...), translated.
    static QString stageName(JobStage stage);

  signals:
    void progress(int stage, qint64 done, qint64 total);
    void succeeded();
    void failed(const QString& message);
    void cancelled();
    void finished();

  private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
    Work work_;
    bool running_ = false;
};

}  // namespace cadview
