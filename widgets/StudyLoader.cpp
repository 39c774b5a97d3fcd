#include "StudyLoader.h"

#include <QFileInfo>
#include <QMetaObject>

#include "BackgroundJob.h"
#include "DiagnosticText.h"
#include "Session.h"
#include "image/VolumeDownsampler.h"
#include "io/DicomSegReader.h"
#include "io/ImageFileReader.h"
#include "io/LabelMapFile.h"
#include "io/LoadError.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"

namespace cadview {

namespace {
constexpr std::size_t k3DBudgetBytes = std::size_t(64) << 20;
}

StudyLoader::StudyLoader(Session* session, QObject* parent)
    : QObject(parent), session_(session), index_(std::make_shared<StudyIndex>()) {}

StudyLoader::~StudyLoader() {
    cancel();
}

bool StudyLoader::busy() const {
    return job_ && job_->isRunning();
}

void StudyLoader::cancel() {
    if (job_) {
        job_->cancel();
        job_->deleteLater();
        job_ = nullptr;
        ++generation_;
        emit busyChanged(false);
    }
}

void StudyLoader::close() {
    cancel();
    index_ = std::make_shared<StudyIndex>();
    paths_.clear();
    currentUid_.clear();
    diagnostics_.clear();
    session_->clear();
    emit indexed();
    emit diagnosticsChanged();
}

void StudyLoader::startJob(BackgroundJob* job) {
    cancel();
    job_ = job;
    connect(job, &BackgroundJob::progress, this, [this](int stage, qint64 done, qint64 total) {
        const QString name = BackgroundJob::stageName(JobStage(stage));
        const int percent = total > 0 ? int(100 * done / total) : -1;
        emit progress(total > 0 ? tr("%1 (%2 of %3)").arg(name).arg(done).arg(total) : name, percent);
        if (JobStage(stage) == JobStage::Decoding && total > 0)
            session_->setLoadProgress(double(done) / double(total));
    });
    connect(job, &BackgroundJob::finished, this, [this, job] {
        if (job_ == job) {
            job_ = nullptr;
            emit busyChanged(false);
        }
        job->deleteLater();
    });
    connect(job, &BackgroundJob::cancelled, this, [this] { emit progress(tr("Cancelled"), -1); });
    emit busyChanged(true);
    job->start();
}

void StudyLoader::open(const QStringList& paths, const QString& seriesUid) {
    paths_ = paths;
    std::vector<std::string> list;
    for (const QString& p : paths)
        list.push_back(QFileInfo(p).absoluteFilePath().toStdString());
    auto result = std::make_shared<StudyIndex>();
    auto* job = new BackgroundJob(
        [list, result](JobContext& ctx) { *result = StudyIndexer::index(list, ctx); }, this);
    connect(job, &BackgroundJob::succeeded, this, [this, result, seriesUid, paths] {
        index_ = result;
        diagnostics_ = result->problems;
        emit indexed();
        emit diagnosticsChanged();
        if (result->series.empty()) {
            const QString reason = result->problems.empty()
                                       ? tr("No images found in %1.").arg(paths.join(QStringLiteral(", ")))
                                       : tr("No images could be read from %1: %2")
                                             .arg(paths.join(QStringLiteral(", ")),
                                                  DiagnosticText::text(result->problems.front()));
            emit failed(reason);
            return;
        }
        try {
            const SeriesEntry& entry =
                VolumeLoader::pick(*result, paths.value(0).toStdString(), seriesUid.toStdString());
            loadSeries(QString::fromStdString(entry.uid));
        } catch (const LoadError& e) {
            emit failed(DiagnosticText::text(e.diagnostic()));
        }
    });
    connect(job, &BackgroundJob::failed, this, [this](const QString& message) { emit failed(message); });
    startJob(job);
}

void StudyLoader::loadSeries(const QString& uid, bool fitInMemory) {
    const std::string wanted = uid.toStdString();
    const SeriesEntry* found = nullptr;
    for (const auto& s : index_->series)
        if (s.uid == wanted) found = &s;
    if (!found) {
        emit failed(tr("Series %1 is not in the opened folder.").arg(uid));
        return;
    }
    const SeriesEntry entry = *found;
    const std::size_t seriesCount = index_->series.size();
    const int generation = generation_ + 1;  // startJob() bumps generation_ by cancelling the last job
    auto result = std::make_shared<Volume>();
    auto error = std::make_shared<Diagnostic>();
    QPointer<StudyLoader> self(this);
    auto* job = new BackgroundJob(
        [entry, result, error, self, generation, fitInMemory](JobContext& ctx) {
            LoadOptions options;
            options.fitInMemory = fitInMemory;
            options.onPreview = [self, generation](const Volume& slice) {
                auto copy = std::make_shared<const Volume>(slice);
                QMetaObject::invokeMethod(
                    self,
                    [self, generation, copy] {
                        if (self && self->generation_ == generation && self->busy())
                            self->session_->setPreview(copy);
                    },
                    Qt::QueuedConnection);
            };
            try {
                *result = VolumeLoader::load(entry, options, ctx);
            } catch (const LoadError& e) {
                *error = e.diagnostic();  // worded on the GUI thread, in the user's language
                throw;
            }
        },
        this);
    connect(job, &BackgroundJob::succeeded, this, [this, result, uid, seriesCount] {
        currentUid_ = uid;
        diagnostics_ = index_->problems;
        if (seriesCount > 1)
            diagnostics_.push_back(Diagnostic::info(Diagnostic::Code::SeveralSeries,
                                                    paths_.join(QStringLiteral(", ")).toStdString(), {},
                                                    double(seriesCount)));
        for (const auto& d : result->diagnostics())
            diagnostics_.push_back(d);
        auto volume = std::make_shared<const Volume>(std::move(*result));
        const bool large = volume->bytes() > k3DBudgetBytes && volume->components() == 1;
        session_->setVolume(volume, nullptr, large);
        emit diagnosticsChanged();
        emit loaded(uid);
        if (large) prepare3D(volume);
    });
    connect(job, &BackgroundJob::failed, this, [this, error, uid](const QString& message) {
        session_->clear();
        const QString text = error->subject.empty() ? message : DiagnosticText::text(*error);
        emit failed(text);
        if (error->code == Diagnostic::Code::InsufficientMemory) emit tooLarge(uid, text);
    });
    startJob(job);
    generation_ = generation;
}

void StudyLoader::prepare3D(const std::shared_ptr<const Volume>& volume) {
    // The 3D view of a large series renders a smaller copy: software GL keeps a texture the size of
    // what it renders, and casting rays through 1/8 of the voxels is 8x faster. Made after the slices
    // are on screen, on a worker thread of its own (it must not cancel or be cancelled by loading).
    auto proxy = std::make_shared<Volume>();
    auto* job = new BackgroundJob(
        [volume, proxy](JobContext&) { *proxy = VolumeDownsampler::withinBudget(*volume, k3DBudgetBytes); },
        this);
    const std::weak_ptr<const Volume> expected = volume;
    connect(job, &BackgroundJob::succeeded, this, [this, proxy, expected] {
        if (expected.lock() == session_->volume())
            session_->setVolume3D(std::make_shared<const Volume>(std::move(*proxy)));
    });
    connect(job, &BackgroundJob::finished, job, &QObject::deleteLater);
    job->start();
}

void StudyLoader::loadOverlay(const QString& path) {
    if (!session_->hasImage() || session_->isPreview()) return;
    struct Loaded {
        Volume labels;
        LabelTable table;
    };
    auto result = std::make_shared<Loaded>();
    const std::string file = path.toStdString();
    const ImageGeometry grid = session_->volume()->geometry();
    auto* job = new BackgroundJob(
        [file, result, grid](JobContext& ctx) {
            const QString name = QString::fromStdString(file);
            if (name.endsWith(QLatin1String(".dcm"), Qt::CaseInsensitive)) {
                // A DICOM SEG: its frames are placed on the open image's slices.
                DicomSegReader::Result seg = DicomSegReader::read(file, grid);
                result->labels = std::move(seg.labels);
                result->table = std::move(seg.table);
            } else if (LabelMapFile::supportsFileName(file)) {
                LabelMapFile::Loaded loaded = LabelMapFile::read(file);
                result->labels = std::move(loaded.labels);
                result->table = std::move(loaded.table);
            } else {
                result->labels = ImageFileReader::read(file, ctx);  // PNG masks of radiographs
            }
        },
        this);
    connect(job, &BackgroundJob::succeeded, this, [this, result, path] {
        QString error;
        if (!session_->setOverlay(std::make_shared<const Volume>(std::move(result->labels)), &error,
                                  std::move(result->table))) {
            emit failed(tr("%1: %2").arg(QFileInfo(path).fileName(), error));
            return;
        }
        session_->setLabelPath(path);
        emit overlayLoaded(path);
    });
    connect(job, &BackgroundJob::failed, this, [this](const QString& message) { emit failed(message); });
    startJob(job);
}

}  // namespace cadview
