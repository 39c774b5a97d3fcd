#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

#include "annotation/RecoveryStore.h"

class QWidget;

namespace cadview {

class BackgroundJob;
class Session;
class StudyLoader;

// Autosave of the label map for crash recovery (RecoveryStore): a few seconds after the last edit, and
// at least every half minute while editing goes on, a copy of the labels is written in the background.
// A proper save or a new image clears it. At start, labels left by a process that died are offered back:
// the image is opened again and the labels put on it, unsaved.
class LabelAutosave : public QObject {
    Q_OBJECT
  public:
    // `directory`: the recovery folder (CADVIEW_RECOVERY_DIR, or the application data folder's
    // "recovery"). Without a usable folder, autosave is off and says so once (`unavailable`).
    LabelAutosave(QWidget* window, Session* session, StudyLoader* loader, const QString& directory);
    ~LabelAutosave() override;

    static QString defaultDirectory();
    bool available() const { return store_ != nullptr; }
    void setDelays(int idleMs, int maxIntervalMs);

    // Labels of processes that died, newest first.
    std::vector<RecoveryStore::Orphan> orphans() const;
    // Asks (or, with `ask` false, does not ask) whether to restore the newest orphan; then opens its
    // image and puts the labels on it (`recovered` follows). Declined orphans are deleted.
    void offerRecovery(bool ask = true);
    void restore(const RecoveryStore::Orphan& orphan);

  signals:
    void autosaved(quint64 revision);
    void autosaveFailed(const QString& message);
    void recovered();
    void unavailable(const QString& message);

  private:
    void onLabelsChanged();
    void save();
    void clearStore();

    QWidget* window_;
    Session* session_;
    StudyLoader* loader_;
    QString directory_;
    std::unique_ptr<RecoveryStore> store_;
    QTimer idle_;
    QTimer interval_;
    BackgroundJob* job_ = nullptr;
    std::size_t savedRevision_ = 0;
    bool hasAutosave_ = false;
    bool clearPending_ = false;
    std::optional<RecoveryStore::Orphan> pending_;  // being restored: waiting for its image to load
};

}  // namespace cadview
