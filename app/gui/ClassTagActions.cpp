#include "ClassTagActions.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include <memory>

#include "BackgroundJob.h"
#include "Session.h"
#include "StudyLoader.h"
#include "training/FolderDatasetExport.h"

namespace cadview {

QString ClassTagActions::defaultTagsFile() {
    const QString env = qEnvironmentVariable("CADVIEW_TAGS_FILE");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/class-tags.json");
}

ClassTagActions::ClassTagActions(QWidget* window, Session* session, StudyLoader* loader,
                                 const QString& tagsFile)
    : QObject(window), window_(window), session_(session), loader_(loader), tagsFile_(tagsFile) {
    try {
        tags_ = ClassTags::load(tagsFile_.toStdString());
    } catch (const std::exception& e) {
        // A damaged tag file is kept as it is (not overwritten) until the user tags again.
        qWarning("%s", e.what());
    }
}

void ClassTagActions::addMenu(QMenu* menu) {
    QAction* tag = menu->addAction(tr("&Tag Image As…"), this, &ClassTagActions::askAndTag);
    tag->setShortcut(QKeySequence(tr("Ctrl+T")));
    menu->addAction(tr("&Remove Tag"), this, [this] { untagCurrent(); });
    menu->addSeparator();
    menu->addAction(tr("&Export Folder Dataset…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(window_, tr("Export tagged images to"));
        if (dir.isEmpty()) return;
        connect(
            this, &ClassTagActions::exportFailed, window_,
            [this](const QString& message) {
                QMessageBox::warning(window_, tr("Export folder dataset"), message);
            },
            Qt::SingleShotConnection);
        exportTo(dir);
    });
}

QString ClassTagActions::currentUid() const {
    return session_->hasImage() && !session_->isPreview() ? loader_->currentUid() : QString();
}

void ClassTagActions::askAndTag() {
    const QString uid = currentUid();
    if (uid.isEmpty()) return;
    QStringList names;
    for (const auto& n : tags_.classNames())
        names << QString::fromStdString(n);
    const auto existing = tags_.find(uid.toStdString());
    bool ok = false;
    const QString name = QInputDialog::getItem(
        window_, tr("Tag image"), tr("Class of this image (the folder it is exported to):"), names,
        existing ? int(names.indexOf(QString::fromStdString(existing->className))) : 0, true, &ok);
    if (!ok || name.trimmed().isEmpty()) return;
    QString error;
    if (!tagCurrent(name.trimmed(), &error)) QMessageBox::warning(window_, tr("Tag image"), error);
}

bool ClassTagActions::tagCurrent(const QString& className, QString* error) {
    const QString uid = currentUid();
    if (uid.isEmpty()) {
        if (error) *error = tr("No image is open.");
        return false;
    }
    ClassTags::Tag tag;
    tag.uid = uid.toStdString();
    tag.className = className.toStdString();
    tag.source = session_->volume()->info().source;
    for (const SeriesEntry& s : loader_->index().series) {
        if (s.uid != tag.uid) continue;
        if (s.kind == SeriesEntry::Kind::ImageFile) {
            tag.files = {s.path};
            tag.name = QFileInfo(QString::fromStdString(s.path)).fileName().toStdString();
        } else {
            for (const auto& instance : s.instances)
                tag.files.push_back(instance.path);
            QString name = QString::fromStdString(s.seriesDescription).simplified();
            if (name.isEmpty()) name = QStringLiteral("series");
            tag.name =
                QStringLiteral("%1_%2").arg(name, QString::fromStdString(s.uid).right(8)).toStdString();
        }
    }
    if (tag.files.empty()) {
        if (error) *error = tr("The open image's files are not known.");
        return false;
    }
    try {
        ClassTags updated = tags_;
        updated.set(tag);
        QDir().mkpath(QFileInfo(tagsFile_).absolutePath());
        updated.save(tagsFile_.toStdString());
        tags_ = std::move(updated);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    emit tagged(className);
    return true;
}

bool ClassTagActions::untagCurrent() {
    ClassTags updated = tags_;
    if (!updated.remove(currentUid().toStdString())) return false;
    try {
        updated.save(tagsFile_.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(window_, tr("Remove tag"), QString::fromStdString(e.what()));
        return false;
    }
    tags_ = std::move(updated);
    return true;
}

bool ClassTagActions::exportTo(const QString& dir) {
    if (job_) return false;
    if (tags_.tags().empty()) {
        emit exportFailed(tr("No image is tagged yet (Dataset > Tag Image As…)."));
        return false;
    }
    auto tags = std::make_shared<ClassTags>(tags_);
    auto summary = std::make_shared<FolderDatasetExport::Summary>();
    const std::string target = dir.toStdString();
    job_ =
        new BackgroundJob([tags, summary, target](
                              JobContext& job) { *summary = FolderDatasetExport::write(*tags, target, job); },
                          this);
    connect(job_, &BackgroundJob::succeeded, this,
            [this, dir, summary] { emit exported(dir, int(summary->images)); });
    connect(job_, &BackgroundJob::failed, this,
            [this](const QString& message) { emit exportFailed(message); });
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
    });
    job_->start();
    return true;
}

}  // namespace cadview
