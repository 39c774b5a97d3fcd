#include "ModelController.h"

#include <algorithm>
#include <thread>

#include "BackgroundJob.h"
#include "Session.h"
#include "inference/ModelRunner.h"
#include "inference/TorchPlugin.h"

namespace cadview {

ModelController::ModelController(Session* session, QObject* parent)
    : QObject(parent),
      session_(session),
      runners_(std::make_shared<std::map<std::string, std::shared_ptr<ModelRunner>>>()),
      runnersMutex_(std::make_shared<std::mutex>()) {
    rescan();
}

ModelController::~ModelController() {
    cancel();
}

void ModelController::setUserDirectories(const QStringList& dirs) {
    userDirs_ = dirs;
    rescan();
}

void ModelController::rescan() {
    std::vector<std::string> dirs{ModelRegistry::bundledModelDirectory()};
    for (const QString& d : userDirs_)
        dirs.push_back(d.toStdString());
    registry_ = ModelRegistry::scan(dirs);
    emit modelsChanged();
}

bool ModelController::busy() const {
    return job_ && job_->isRunning();
}

void ModelController::cancel() {
    if (job_) job_->cancel();
}

void ModelController::run(const QString& modelName) {
    if (busy()) return;
    const auto volume = session_->volume();
    if (!volume || session_->isPreview()) {
        emit failed(tr("Open a study first."));
        return;
    }
    ModelManifest manifest;
    try {
        manifest = registry_.find(modelName.toStdString());
    } catch (const ManifestError& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    auto result = std::make_shared<InferenceResult>();
    auto runners = runners_;
    auto mutex = runnersMutex_;
    auto* job = new BackgroundJob(
        [manifest, volume, result, runners, mutex](JobContext& ctx) {
            std::shared_ptr<ModelRunner> runner;
            {
                std::lock_guard lock(*mutex);
                auto it = runners->find(manifest.name);
                if (it != runners->end()) runner = it->second;
            }
            if (!runner) {
                // One core is left to the GUI thread, so the window keeps answering while a model runs.
                InferenceBackend& backend = TorchPlugin::backend();
                backend.setThreads(int(std::max(2u, std::thread::hardware_concurrency())) - 1);
                runner = std::make_shared<ModelRunner>(manifest, backend, ctx);
                std::lock_guard lock(*mutex);
                (*runners)[manifest.name] = runner;
            }
            *result = runner->run(*volume, ctx);
        },
        this);
    job_ = job;
    connect(job, &BackgroundJob::progress, this, [this](int stage, qint64 done, qint64 total) {
        const QString name = BackgroundJob::stageName(JobStage(stage));
        emit progress(total > 1 ? tr("%1 (%2 of %3)").arg(name).arg(done).arg(total) : name,
                      total > 0 ? int(100 * done / total) : -1);
    });
    connect(job, &BackgroundJob::succeeded, this, [this, result, manifest, volume] {
        if (session_->volume() != volume || !session_->setAiResult(*result, manifest)) {
            emit failed(tr("The study changed while the model ran; its result was dropped."));
            return;
        }
        emit finished(QString::fromStdString(manifest.name), result->seconds);
    });
    connect(job, &BackgroundJob::failed, this, [this](const QString& message) { emit failed(message); });
    connect(job, &BackgroundJob::cancelled, this, [this] { emit progress(tr("Cancelled"), -1); });
    connect(job, &BackgroundJob::finished, this, [this, job] {
        job->deleteLater();
        emit busyChanged(false);
    });
    emit busyChanged(true);
    job->start();
}

}  // namespace cadview
