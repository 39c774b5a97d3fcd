#include "PacsActions.h"

#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>

#include "BackgroundJob.h"
#include "MainWindow.h"
#include "PacsQueryDialog.h"
#include "PacsSettings.h"
#include "Session.h"
#include "StudyLoader.h"
#include "io/DicomReferenceSeries.h"
#include "io/DicomSegWriter.h"
#include "io/SecondaryCaptureWriter.h"
#include "pacs/PacsSender.h"

namespace cadview {

PacsActions::PacsActions(MainWindow* window) : QObject(window), window_(window) {
    connect(this, &PacsActions::sent, window_,
            [this](const QString& message) { window_->statusBar()->showMessage(message, 8000); });
}

void PacsActions::addTo(QMenu* file) {
    QAction* query = file->addAction(tr("&Query PACS…"), this, [this] {
        PacsQueryDialog* dialog = queryDialog();
        dialog->reloadNodes();
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    query->setShortcut(QKeySequence(tr("Ctrl+Shift+Q")));
    QMenu* send = file->addMenu(tr("Sen&d to PACS"));
    send->addAction(tr("&Label Map as DICOM SEG"), this, [this] {
        const QString node = chooseNode();
        if (node.isEmpty()) return;
        tellFailure();
        sendLabelMap(node);
    });
    send->addAction(tr("&AI Overlay as Secondary Capture"), this, [this] {
        const QString node = chooseNode();
        if (node.isEmpty()) return;
        tellFailure();
        sendAiOverlay(node);
    });
}

void PacsActions::tellFailure() {
    // Told in a message box when asked for from the menu (a caller of sendLabelMap listens itself).
    connect(
        this, &PacsActions::sendFailed, window_,
        [this](const QString& message) { QMessageBox::warning(window_, tr("Send to PACS"), message); },
        Qt::SingleShotConnection);
}

PacsQueryDialog* PacsActions::queryDialog() {
    if (!dialog_) {
        dialog_ = new PacsQueryDialog(window_);
        connect(dialog_, &PacsQueryDialog::retrieved, window_,
                [this](const QString& folder, const QString& seriesUid) {
                    window_->openPaths({folder}, seriesUid);
                });
    }
    return dialog_;
}

QString PacsActions::chooseNode() {
    QStringList names;
    for (const PacsSettings::Node& n : PacsSettings::nodes())
        names << n.name;
    if (names.isEmpty()) {
        QMessageBox::information(window_, tr("Send to PACS"),
                                 tr("No PACS nodes yet: add one in Edit > Preferences > PACS."));
        return {};
    }
    if (names.size() == 1) return names.first();
    bool ok = false;
    const QString name =
        QInputDialog::getItem(window_, tr("Send to PACS"), tr("Send to:"), names, 0, false, &ok);
    return ok ? name : QString();
}

const SeriesEntry* PacsActions::dicomSeries() const {
    const StudyLoader* loader = window_->loader();
    for (const SeriesEntry& s : loader->index().series)
        if (QString::fromStdString(s.uid) == loader->currentUid() && s.kind == SeriesEntry::Kind::DicomSeries)
            return &s;
    return nullptr;
}

bool PacsActions::sendLabelMap(const QString& nodeName) {
    const Session* session = window_->session();
    const SeriesEntry* series = dicomSeries();
    if (!session->hasImage() || !series) {
        emit sendFailed(tr("A DICOM SEG refers to a DICOM series; the open image is not one."));
        return false;
    }
    if (!session->labelDocument().hasLabels()) {
        emit sendFailed(tr("The label map is empty: paint or load labels first."));
        return false;
    }
    auto labels = session->labelDocument().snapshot();
    auto table = std::make_shared<LabelTable>(session->labelDocument().table());
    return startSend(
        nodeName,
        [labels, table, entry = *series](const std::string& folder) {
            const DicomReferenceSeries reference = DicomReferenceSeries::fromSeries(entry);
            const std::string path = folder + "/labels-seg.dcm";
            DicomSegWriter::write(*labels, *table, reference, path);
            return std::vector<std::string>{path};
        },
        tr("the label map (DICOM SEG)"));
}

bool PacsActions::sendAiOverlay(const QString& nodeName) {
    const Session* session = window_->session();
    const SeriesEntry* series = dicomSeries();
    if (!session->hasImage() || !series) {
        emit sendFailed(
            tr("The AI overlay is sent into the study of a DICOM series; the open image is not one."));
        return false;
    }
    auto mask = session->aiMask();
    auto heatmap = session->heatmap();
    if (!mask && !heatmap) {
        emit sendFailed(tr("There is no AI overlay to send: run a model first."));
        return false;
    }
    auto options = std::make_shared<SecondaryCaptureWriter::Options>();
    options->window = session->window();
    options->overlay.maskOpacity = session->aiOpacity();
    for (const auto& label : session->aiLabels())
        options->overlay.colors[std::size_t(label.value & 0xff)] = label.color;
    auto visible = std::make_shared<std::array<bool, 256>>(session->aiVisibility());
    options->overlay.heatmapSlice = session->heatmapSlice();
    options->overlay.heatmapThreshold = session->heatmapThreshold();
    options->overlay.heatmapOpacity = session->heatmapOpacity();
    options->modelName = session->aiModel();
    while (!options->modelName.empty() && options->modelName.back() == ' ')
        options->modelName.pop_back();
    auto volume = session->volume();
    const Vec3 index = volume->geometry().physicalToIndex(session->cursor());
    options->fallbackSlice =
        std::size_t(std::clamp(std::lround(index[2]), 0L, long(volume->geometry().size[2]) - 1));
    return startSend(
        nodeName,
        [volume, mask, heatmap, options, visible, entry = *series](const std::string& folder) {
            SecondaryCaptureWriter::Options o = *options;
            o.overlay.mask = mask.get();
            o.overlay.heatmap = heatmap.get();
            o.overlay.visible = visible.get();
            const DicomReferenceSeries reference = DicomReferenceSeries::fromSeries(entry);
            return SecondaryCaptureWriter::write(*volume, reference, o, folder).files;
        },
        tr("the AI overlay (Secondary Capture)"));
}

bool PacsActions::startSend(const QString& nodeName, Writer write, const QString& what) {
    if (job_) {
        emit sendFailed(tr("A send is already running."));
        return false;
    }
    const PacsSettings::Node node = PacsSettings::node(nodeName);
    if (node.name.isEmpty()) {
        emit sendFailed(tr("There is no PACS node called %1.").arg(nodeName));
        return false;
    }
    const QString error = PacsSettings::validationError(node, PacsSettings::callingAeTitle());
    if (!error.isEmpty()) {
        emit sendFailed(error);
        return false;
    }
    auto folder = std::make_shared<QTemporaryDir>();
    if (!folder->isValid()) {
        emit sendFailed(tr("Cannot create a temporary folder: %1").arg(folder->errorString()));
        return false;
    }
    auto result = std::make_shared<PacsSender::Result>();
    job_ = new BackgroundJob(
        [dicom = PacsSettings::dicomNode(node), write, folder, result](JobContext& job) {
            const std::vector<std::string> files = write(folder->path().toStdString());
            job.throwIfCancelled();
            *result = PacsSender(dicom).send(files, job);
        },
        this);
    connect(job_, &BackgroundJob::succeeded, this, [this, result, what, name = node.name] {
        for (const PacsSender::FileStatus& f : result->files)
            if (!f.sent) {
                emit sendFailed(tr("%1 refused %2: %3").arg(name, what, QString::fromStdString(f.message)));
                return;
            }
        emit sent(tr("Sent %1 to %2 (%n file(s)).", nullptr, int(result->sent)).arg(what, name));
    });
    connect(job_, &BackgroundJob::failed, this, &PacsActions::sendFailed);
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
    });
    job_->start();
    return true;
}

}  // namespace cadview
