#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

#include "image/Diagnostic.h"
#include "image/Volume.h"
#include "io/StudyIndex.h"

namespace cadview {

class BackgroundJob;
class Session;

// Opens files and folders for the GUI: indexes them on a worker thread, then loads the chosen series
// (by default the one with most images) on a worker thread, showing its middle slice in the session as
// soon as it is decoded. Only the newest request counts: starting another cancels the one running.
class StudyLoader : public QObject {
    Q_OBJECT
  public:
    explicit StudyLoader(Session* session, QObject* parent = nullptr);
    ~StudyLoader() override;

    void open(const QStringList& paths, const QString& seriesUid = {});
    // With `fitInMemory`, a series too large for the memory free is loaded downsampled (every k-th
    // slice, row and column) instead of refused.
    void loadSeries(const QString& uid, bool fitInMemory = false);
    // Loads a label map file onto the open image (same grid).
    void loadOverlay(const QString& path);
    void cancel();
    // Cancels what runs and forgets the study: the session is cleared, the index emptied.
    void close();
    bool busy() const;

    const StudyIndex& index() const { return *index_; }
    QStringList openedPaths() const { return paths_; }
    QString currentUid() const { return currentUid_; }
    // What the last index and load found worth telling: broken files, odd geometry, resampling.
    const Diagnostics& diagnostics() const { return diagnostics_; }

  signals:
    void busyChanged(bool busy);
    void progress(const QString& text, int percent);
    void indexed();
    void loaded(const QString& uid);
    void overlayLoaded(const QString& path);
    void failed(const QString& message);
    // The series would not fit in the memory free (after `failed`): loadSeries(uid, true) loads it
    // downsampled.
    void tooLarge(const QString& uid, const QString& message);
    void diagnosticsChanged();

  private:
    void startJob(BackgroundJob* job);
    void prepare3D(const std::shared_ptr<const Volume>& volume);

    Session* session_;
    std::shared_ptr<StudyIndex> index_;
    QStringList paths_;
    QString currentUid_;
    Diagnostics diagnostics_;
    QPointer<BackgroundJob> job_;
    int generation_ = 0;
};

}  // namespace cadview
