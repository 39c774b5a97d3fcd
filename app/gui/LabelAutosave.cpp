#include "LabelAutosave.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

#include "BackgroundJob.h"
#include "Session.h"
#include "StudyLoader.h"

namespace cadview {

QString LabelAutosave::defaultDirectory() {
    const QString env = qEnvironmentVariable("CADVIEW_RECOVERY_DIR");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

LabelAutosave::LabelAutosave(QWidget* window, Session* session, StudyLoader* loader, const QString& directory)
    : QObject(window), window_(window), session_(session), loader_(loader), directory_(directory) {
    try {
        store_ = std::make_unique<RecoveryStore>(directory.toStdString());
    } catch (const std::exception& e) {
        QTimer::singleShot(0, this, [this, message = QString::fromStdString(e.what())] {
            emit unavailable(tr("Autosave is off: %1").arg(message));
        });
    }
    idle_.setSingleShot(true);
    interval_.setSingleShot(true);
    setDelays(3000, 30000);
    connect(&idle_, &QTimer::timeout, this, &LabelAutosave::save);
    connect(&interval_, &QTimer::timeout, this, &LabelAutosave::save);
    connect(session_, &Session::labelsChanged, this, &LabelAutosave::onLabelsChanged);
    connect(session_, &Session::labelTableChanged, this, &LabelAutosave::onLabelsChanged);
    connect(session_, &Session::volumeChanged, this, [this] {
        idle_.stop();
        interval_.stop();
        clearStore();
    });
    connect(loader_, &StudyLoader::loaded, this, [this](const QString& uid) {
        if (!pending_ || QString::fromStdString(pending_->info.imageUid) != uid) return;
        const RecoveryStore::Orphan orphan = *pending_;
        pending_.reset();
        try {
            auto [labels, table] = RecoveryStore::load(orphan);
            QString error;
            if (!session_->setOverlay(std::make_shared<const Volume>(std::move(labels)), &error, table))
                throw std::runtime_error(error.toStdString());
            session_->setLabelPath(QString::fromStdString(orphan.info.labelPath));
            session_->labelDocument().touchTable();  // recovered work is unsaved work
            session_->labelsEdited();
            RecoveryStore::remove(orphan);
            emit recovered();
        } catch (const std::exception& e) {
            emit autosaveFailed(
                tr("The recovered labels cannot be used: %1").arg(QString::fromStdString(e.what())));
        }
    });
}

LabelAutosave::~LabelAutosave() = default;

void LabelAutosave::setDelays(int idleMs, int maxIntervalMs) {
    idle_.setInterval(idleMs);
    interval_.setInterval(maxIntervalMs);
}

void LabelAutosave::onLabelsChanged() {
    if (!store_) return;
    const LabelMapDocument& doc = session_->labelDocument();
    if (!doc.modified()) {
        // Saved (or back to the saved state): nothing to recover.
        idle_.stop();
        interval_.stop();
        clearStore();
        return;
    }
    if (doc.strokeActive()) return;  // the stroke ends with its own change
    idle_.start();
    if (!interval_.isActive()) interval_.start();
}

void LabelAutosave::save() {
    if (!store_ || !session_->hasImage()) return;
    const LabelMapDocument& doc = session_->labelDocument();
    if (!doc.modified() || !doc.hasLabels() || doc.revision() == savedRevision_) return;
    if (job_ || doc.strokeActive()) {
        idle_.start();  // try again a little later
        return;
    }
    idle_.stop();
    interval_.stop();
    clearPending_ = false;
    auto labels = doc.snapshot();
    auto table = std::make_shared<LabelTable>(doc.table());
    RecoveryStore::Info info;
    info.imageSource = session_->volume()->info().source;
    info.imageUid = loader_->currentUid().toStdString();
    info.labelPath = session_->labelPath().toStdString();
    info.revision = doc.revision();
    const std::size_t revision = doc.revision();
    RecoveryStore* store = store_.get();
    job_ = new BackgroundJob(
        [store, labels, table, info](JobContext&) { store->save(*labels, *table, info); }, this);
    connect(job_, &BackgroundJob::succeeded, this, [this, revision] {
        savedRevision_ = revision;
        hasAutosave_ = true;
        emit autosaved(quint64(revision));
    });
    connect(job_, &BackgroundJob::failed, this,
            [this](const QString& message) { emit autosaveFailed(tr("Autosave failed: %1").arg(message)); });
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
        if (clearPending_) {
            clearStore();
            return;
        }
        // Edits made while it was written get their own autosave.
        if (session_->labelDocument().modified() && session_->labelDocument().revision() != savedRevision_)
            idle_.start();
    });
    job_->start();
}

void LabelAutosave::clearStore() {
    // Never while a save writes into the slot: it is cleared when that save has finished.
    if (job_) {
        clearPending_ = true;
        return;
    }
    clearPending_ = false;
    if (store_ && hasAutosave_) store_->clear();
    hasAutosave_ = false;
}

std::vector<RecoveryStore::Orphan> LabelAutosave::orphans() const {
    return RecoveryStore::orphans(directory_.toStdString());
}

void LabelAutosave::offerRecovery(bool ask) {
    const auto found = orphans();
    if (found.empty()) return;
    const RecoveryStore::Orphan& newest = found.front();
    if (ask) {
        const QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(newest.info.savedAtMs), QLocale::ShortFormat);
        const auto answer = QMessageBox::question(
            window_, tr("Recover labels"),
            tr("cadview ended unexpectedly while labels of %1 were being edited. Their last autosave is from "
               "%2.\n\nOpen the image and restore those labels?")
                .arg(QDir::toNativeSeparators(QString::fromStdString(newest.info.imageSource)), when),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            for (const auto& orphan : found)
                RecoveryStore::remove(orphan);
            return;
        }
    }
    restore(newest);
}

void LabelAutosave::restore(const RecoveryStore::Orphan& orphan) {
    pending_ = orphan;
    const QString source = QString::fromStdString(orphan.info.imageSource);
    const QString uid = QString::fromStdString(orphan.info.imageUid);
    if (!QFileInfo::exists(source)) {
        emit autosaveFailed(tr("The image of the recovered labels is gone: %1").arg(source));
        pending_.reset();
        return;
    }
    // A folder may hold several series: open the one the labels were drawn on.
    loader_->open({source}, QFileInfo(source).isDir() ? uid : QString());
}

}  // namespace cadview
