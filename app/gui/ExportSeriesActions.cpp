#include "ExportSeriesActions.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

#include <memory>

#include "BackgroundJob.h"
#include "StudyLoader.h"

namespace cadview {

ExportSeriesActions::ExportSeriesActions(QWidget* window, StudyLoader* loader)
    : QObject(window), window_(window), loader_(loader) {}

void ExportSeriesActions::addTo(QMenu* menu) {
    menu->addAction(tr("&Export Series…"), this, [this] {
        QString folder;
        SeriesExport::Options options;
        if (!ask(&folder, &options)) return;
        // Told in a message box when asked for from the menu (a caller of exportTo listens itself).
        connect(
            this, &ExportSeriesActions::exportFailed, window_,
            [this](const QString& message) { QMessageBox::warning(window_, tr("Export series"), message); },
            Qt::SingleShotConnection);
        exportTo(folder, options);
    });
}

bool ExportSeriesActions::ask(QString* folder, SeriesExport::Options* options) {
    QDialog dialog(window_);
    dialog.setWindowTitle(tr("Export series"));
    auto* path = new QLineEdit(&dialog);
    auto* browse = new QPushButton(tr("Browse…"), &dialog);
    connect(browse, &QPushButton::clicked, &dialog, [&] {
        const QString dir =
            QFileDialog::getExistingDirectory(&dialog, tr("Export into (a new or empty folder)"));
        if (!dir.isEmpty()) path->setText(dir);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(path);
    row->addWidget(browse);
    auto* deidentify = new QCheckBox(tr("De-identify (DICOM PS3.15 basic profile)"), &dialog);
    deidentify->setChecked(true);
    deidentify->setToolTip(
        tr("Names, IDs, dates and other identifying attributes are removed or replaced, "
           "UIDs are replaced consistently, the pixels are kept unchanged. Text burned "
           "into the pixels is not removed."));
    auto* name = new QLineEdit(QString::fromLatin1(Deidentifier::kDummyName), &dialog);
    auto* id = new QLineEdit(&dialog);
    id->setPlaceholderText(tr("derived from the original ID"));
    auto* key = new QLineEdit(&dialog);
    key->setEchoMode(QLineEdit::Password);
    key->setPlaceholderText(tr("project default (not secret)"));
    for (QWidget* w : {static_cast<QWidget*>(name), static_cast<QWidget*>(id), static_cast<QWidget*>(key)})
        connect(deidentify, &QCheckBox::toggled, w, &QWidget::setEnabled);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("&Folder:"), row);
    form->addRow(deidentify);
    form->addRow(tr("Patient &name:"), name);
    form->addRow(tr("Patient &ID:"), id);
    form->addRow(tr("&Key:"), key);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted || path->text().isEmpty()) return false;
    *folder = path->text();
    options->deidentify.reset();
    if (deidentify->isChecked()) {
        Deidentifier::Options d;
        d.patientName = name->text().toStdString();
        d.patientId = id->text().toStdString();
        d.key = key->text().toStdString();
        options->deidentify = d;
    }
    return true;
}

bool ExportSeriesActions::exportTo(const QString& folder, const SeriesExport::Options& options) {
    if (job_) return false;
    const SeriesEntry* current = nullptr;
    for (const SeriesEntry& s : loader_->index().series)
        if (QString::fromStdString(s.uid) == loader_->currentUid()) current = &s;
    if (!current || current->kind != SeriesEntry::Kind::DicomSeries) {
        emit exportFailed(tr("Open a DICOM series first: only DICOM series are exported as DICOM files."));
        return false;
    }
    auto summary = std::make_shared<SeriesExport::Summary>();
    job_ = new BackgroundJob(
        [series = *current, target = folder.toStdString(), options, summary](JobContext& job) {
            *summary = SeriesExport::write(series, target, options, job);
        },
        this);
    connect(job_, &BackgroundJob::succeeded, this,
            [this, folder, summary] { emit exported(folder, int(summary->files)); });
    connect(job_, &BackgroundJob::failed, this, &ExportSeriesActions::exportFailed);
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
    });
    job_->start();
    return true;
}

}  // namespace cadview
