#include "BackgroundJob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include <mutex>

#include "io/LoadError.h"

namespace cadview {

// Outlives the job object while the worker runs.
struct BackgroundJob::Shared {
    JobContext context;
    QPointer<BackgroundJob> owner;
    std::mutex mutex;
    QElapsedTimer sinceReport;
    JobStage lastStage = JobStage::Starting;
};

BackgroundJob::BackgroundJob(Work work, QObject* parent) : QObject(parent), work_(std::move(work)) {}

BackgroundJob::~BackgroundJob() {
    if (shared_) shared_->context.requestCancel();
}

void BackgroundJob::cancel() {
    if (shared_) shared_->context.requestCancel();
}

QString BackgroundJob::stageName(JobStage stage) {
    switch (stage) {
        case JobStage::Starting:
            return tr("Starting");
        case JobStage::Indexing:
            return tr("Looking for images");
        case JobStage::ReadingHeaders:
            return tr("Reading headers");
        case JobStage::Decoding:
            return tr("Reading images");
        case JobStage::Resampling:
            return tr("Resampling to a regular grid");
        case JobStage::Writing:
            return tr("Writing");
        case JobStage::LoadingModel:
            return tr("Loading the model");
        case JobStage::Preprocessing:
            return tr("Preparing the image for the model");
        case JobStage::Inferring:
            return tr("Running the model");
        case JobStage::Postprocessing:
            return tr("Mapping the result onto the image");
        case JobStage::Training:
            return tr("Training");
        case JobStage::Finishing:
            break;
    }
    return tr("Finishing");
}

void BackgroundJob::start() {
    if (running_) return;
    running_ = true;
    // The context reports from worker threads; at most ~30 reports a second reach the GUI.
    auto shared = std::make_shared<Shared>();
    shared->owner = this;
    shared->sinceReport.start();
    std::weak_ptr<Shared> weak = shared;
    shared->context.setProgressCallback([weak](const JobProgress& p) {
        auto s = weak.lock();
        if (!s) return;
        {
            std::lock_guard lock(s->mutex);
            const bool important = p.stage != s->lastStage || p.done == p.total;
            if (!important && s->sinceReport.elapsed() < 33) return;
            s->lastStage = p.stage;
            s->sinceReport.restart();
        }
        QPointer<BackgroundJob> owner = s->owner;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [owner, p] {
                if (owner) emit owner->progress(int(p.stage), qint64(p.done), qint64(p.total));
            },
            Qt::QueuedConnection);
    });
    shared_ = shared;
    Work work = work_;
    QThreadPool::globalInstance()->start([shared, work] {
        enum class Outcome { Ok, Failed, Cancelled } outcome = Outcome::Ok;
        QString message;
        try {
            work(shared->context);
            if (shared->context.cancelled()) outcome = Outcome::Cancelled;
        } catch (const CancelledError&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            message = QString::fromStdString(e.what());
        } catch (...) {
            outcome = Outcome::Failed;
            message = tr("unknown error");
        }
        QPointer<BackgroundJob> owner = shared->owner;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [owner, outcome, message] {
                if (!owner) return;
                owner->running_ = false;
                if (outcome == Outcome::Ok) emit owner->succeeded();
                if (outcome == Outcome::Failed) emit owner->failed(message);
                if (outcome == Outcome::Cancelled) emit owner->cancelled();
                emit owner->finished();
            },
            Qt::QueuedConnection);
    });
}

}  // namespace cadview
