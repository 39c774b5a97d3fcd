#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace cadview {

class BackgroundJob;
class Session;
class StudyLoader;

// The label map's file and edit actions: Open Label Map, Save (Ctrl+S), Save As (NIfTI, NRRD, or DICOM
// SEG referencing the open DICOM series), Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z), and the question about
// unsaved labels before they would be lost. Saving runs in the background on a copy, so the GUI stays
// responsive with large label maps; the source study's files are never written.
class LabelFileActions : public QObject {
    Q_OBJECT
  public:
    LabelFileActions(QWidget* window, Session* session, StudyLoader* loader);
    ~LabelFileActions() override;

    void addFileActions(QMenu* file);
    void addEditActions(QMenu* edit);

    // Saves the label map to `path` (format by extension: .nii, .nii.gz, .nrrd, .mha, or .dcm for DICOM
    // SEG) in the background; `saved` or `saveFailed` follows. Returns false (with `saveFailed`) when it
    // cannot start: no labels, a source file as target, an unknown extension.
    bool saveAs(const QString& path);
    bool saving() const { return job_ != nullptr; }

    // With unsaved labels, asks whether to save them first (Save / Discard / Cancel). Returns true when
    // it is fine to go on (saved synchronously, discarded, or nothing unsaved). Without prompts
    // (setPrompts(false), for tests and batch runs), returns true.
    bool confirmDiscard();
    void setPrompts(bool on) { prompts_ = on; }
    bool prompts() const { return prompts_; }

  signals:
    void saved(const QString& path);
    void saveFailed(const QString& message);

  private:
    void updateUndoActions();
    void saveCurrent();
    void saveWithDialog();
    bool isSourceFile(const QString& path) const;

    QWidget* window_;
    Session* session_;
    StudyLoader* loader_;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QAction* save_ = nullptr;
    QAction* saveAs_ = nullptr;
    BackgroundJob* job_ = nullptr;
    bool prompts_ = true;
};

}  // namespace cadview
