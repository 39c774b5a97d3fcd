#include "LabelFileActions.h"

#include <QAction>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

#include <memory>

#include "BackgroundJob.h"
#include "Session.h"
#include "StudyLoader.h"
#include "io/DicomReferenceSeries.h"
#include "io/DicomSegWriter.h"
#include "io/LabelMapFile.h"

namespace cadview {

LabelFileActions::LabelFileActions(QWidget* window, Session* session, StudyLoader* loader)
    : QObject(window), window_(window), session_(session), loader_(loader) {
    connect(session_, &Session::labelsChanged, this, &LabelFileActions::updateUndoActions);
    connect(session_, &Session::labelTableChanged, this, &LabelFileActions::updateUndoActions);
    connect(session_, &Session::volumeChanged, this, &LabelFileActions::updateUndoActions);
}

LabelFileActions::~LabelFileActions() = default;

void LabelFileActions::addFileActions(QMenu* file) {
    file->addAction(tr("Open &Label Map…"), this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            window_, tr("Open label map"), QString(),
            tr("Label maps (*.nii *.nii.gz *.nrrd *.mha *.mhd *.png *.dcm);;All files (*)"));
        if (!f.isEmpty() && confirmDiscard()) loader_->loadOverlay(f);
    });
    save_ = file->addAction(tr("Save Label &Map"), this, &LabelFileActions::saveCurrent);
    save_->setShortcut(QKeySequence::Save);
    saveAs_ = file->addAction(tr("Save Label Map &As…"), this, &LabelFileActions::saveWithDialog);
    updateUndoActions();
}

void LabelFileActions::addEditActions(QMenu* edit) {
    undo_ = edit->addAction(tr("&Undo"), this, [this] { session_->undoLabels(); });
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = edit->addAction(tr("&Redo"), this, [this] { session_->redoLabels(); });
    redo_->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    edit->addSeparator();
    edit->addAction(tr("Clear &Measurements"), session_, &Session::clearMeasurements);
    updateUndoActions();
}

void LabelFileActions::updateUndoActions() {
    const LabelMapDocument& doc = session_->labelDocument();
    if (undo_) {
        const QString next = QString::fromStdString(doc.history().undoText());
        undo_->setEnabled(doc.history().canUndo());
        undo_->setText(next.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(next));
    }
    if (redo_) {
        const QString next = QString::fromStdString(doc.history().redoText());
        redo_->setEnabled(doc.history().canRedo());
        redo_->setText(next.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(next));
    }
    const bool canSave = doc.hasLabels() && !job_;
    if (save_) save_->setEnabled(canSave);
    if (saveAs_) saveAs_->setEnabled(canSave);
}

bool LabelFileActions::isSourceFile(const QString& path) const {
    const QString target = QFileInfo(path).absoluteFilePath();
    const auto& volume = session_->volume();
    if (!volume) return false;
    if (QFileInfo(QString::fromStdString(volume->info().source)).absoluteFilePath() == target) return true;
    for (const SeriesEntry& s : loader_->index().series) {
        if (QString::fromStdString(s.uid) != loader_->currentUid()) continue;
        if (QFileInfo(QString::fromStdString(s.path)).absoluteFilePath() == target) return true;
        for (const auto& instance : s.instances)
            if (QFileInfo(QString::fromStdString(instance.path)).absoluteFilePath() == target) return true;
    }
    return false;
}

bool LabelFileActions::saveAs(const QString& path) {
    const LabelMapDocument& doc = session_->labelDocument();
    auto fail = [this](const QString& message) {
        emit saveFailed(message);
        return false;
    };
    if (job_) return fail(tr("A save is already running."));
    if (!doc.hasLabels()) return fail(tr("There is no label map to save."));
    if (isSourceFile(path))
        return fail(tr("%1 is a file of the open study; cadview never writes into the source study.")
                        .arg(QDir::toNativeSeparators(path)));
    const std::string file = path.toStdString();
    const bool seg = path.endsWith(QLatin1String(".dcm"), Qt::CaseInsensitive);
    if (!seg && !LabelMapFile::supportsFileName(file))
        return fail(tr("%1: save as .nii.gz, .nii, .nrrd, .mha or .dcm (DICOM SEG).").arg(path));
    std::shared_ptr<SeriesEntry> series;
    if (seg) {
        for (const SeriesEntry& s : loader_->index().series)
            if (QString::fromStdString(s.uid) == loader_->currentUid() &&
                s.kind == SeriesEntry::Kind::DicomSeries)
                series = std::make_shared<SeriesEntry>(s);
        if (!series) return fail(tr("A DICOM SEG refers to a DICOM series; the open image is not one."));
    }
    // Save a copy, so painting can go on while it is written.
    auto labels = doc.snapshot();
    auto table = std::make_shared<LabelTable>(doc.table());
    const std::size_t revision = doc.revision();
    job_ = new BackgroundJob(
        [labels, table, series, file](JobContext&) {
            if (series) {
                const DicomReferenceSeries reference = DicomReferenceSeries::fromSeries(*series);
                DicomSegWriter::write(*labels, *table, reference, file);
            } else {
                LabelMapFile::write(*labels, *table, file);
            }
        },
        this);
    connect(job_, &BackgroundJob::succeeded, this, [this, path, revision] {
        LabelMapDocument& document = session_->labelDocument();
        if (document.revision() == revision) document.markSaved();
        if (!path.endsWith(QLatin1String(".dcm"), Qt::CaseInsensitive)) session_->setLabelPath(path);
        emit saved(path);
    });
    connect(job_, &BackgroundJob::failed, this, [this](const QString& message) { emit saveFailed(message); });
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
        updateUndoActions();
    });
    job_->start();
    updateUndoActions();
    return true;
}

void LabelFileActions::saveCurrent() {
    const QString path = session_->labelPath();
    if (path.isEmpty() || path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        saveWithDialog();
    else
        saveAs(path);
}

void LabelFileActions::saveWithDialog() {
    QString start = session_->labelPath();
    if (start.isEmpty()) {
        // Next to nothing of the source study: the documents folder, named after the series.
        const auto& v = session_->volume();
        QString base = v ? QString::fromStdString(v->info().seriesDescription).simplified() : QString();
        base.replace(QLatin1Char('/'), QLatin1Char('_'));
        if (base.isEmpty()) base = tr("labels");
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QLatin1Char('/') +
                base + QStringLiteral("-labels.nii.gz");
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Save label map"), start,
        tr("NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm);;MetaImage (*.mha)"), &filter);
    if (path.isEmpty()) return;
    connect(
        this, &LabelFileActions::saveFailed, window_,
        [this](const QString& message) { QMessageBox::warning(window_, tr("Save label map"), message); },
        Qt::SingleShotConnection);
    saveAs(path);
}

bool LabelFileActions::confirmDiscard() {
    if (!session_->labelDocument().modified() || !prompts_) return true;
    const auto answer = QMessageBox::question(
        window_, tr("Unsaved labels"), tr("The label map has changes that are not saved. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard) return true;
    if (answer == QMessageBox::Cancel) return false;
    // Save and wait for it (the user asked to, before going on).
    QString path = session_->labelPath();
    if (path.isEmpty() || path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        path = QFileDialog::getSaveFileName(window_, tr("Save label map"), QString(),
                                            tr("NIfTI (*.nii.gz *.nii);;NRRD (*.nrrd);;DICOM SEG (*.dcm)"));
        if (path.isEmpty()) return false;
    }
    bool ok = false;
    QString error;
    QEventLoop wait;
    auto a = connect(this, &LabelFileActions::saved, &wait, [&] {
        ok = true;
        wait.quit();
    });
    auto b = connect(this, &LabelFileActions::saveFailed, &wait, [&](const QString& message) {
        error = message;
        wait.quit();
    });
    if (saveAs(path) || job_) wait.exec();
    disconnect(a);
    disconnect(b);
    if (!ok) QMessageBox::warning(window_, tr("Save label map"), error);
    return ok;
}

}  // namespace cadview
