#pragma once

#include <QWidget>

#include <functional>
#include <memory>

#include "annotation/LabelEdit.h"
#include "jobs/JobContext.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace cadview {

class BackgroundJob;
class LabelTableWidget;
class Session;

// The annotation panel: the label table, the tool that a left drag in the slice views uses (navigate,
// brush, eraser, polygon, flood fill, ruler, angle) with its settings (brush size in mm, 2D disk or 3D
// sphere, an intensity range that painting keeps to), the operations on the active label that run in
// the background (interpolate between drawn slices, fill holes, remove islands), and the active
// label's statistics (voxels, ml, mean / SD / min / max of the image).
class AnnotationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit AnnotationPanel(Session* session, QWidget* parent = nullptr);
    ~AnnotationPanel() override;

    // Runs an operation on a copy of the label map in the background; when it finishes and the label
    // map has not changed meanwhile, its edit is applied as one undoable step (otherwise the user is
    // told to run it again). Returns false when another operation is running.
    using Operation = std::function<LabelEdit(Volume& labels, JobContext& job)>;
    bool runOperation(const QString& name, Operation operation);
    bool operationRunning() const { return job_ != nullptr; }

  signals:
    // An operation finished: applied (true) or not.
    void operationFinished(bool applied);

  private:
    void syncFromTool();
    void pushTool();
    void updateEnabled();
    void computeStatistics();
    int normalAxis() const;

    Session* session_;
    LabelTableWidget* labels_;
    QButtonGroup* tools_;
    QDoubleSpinBox* radius_;
    QCheckBox* sphere_;
    QCheckBox* threshold_;
    QDoubleSpinBox* low_;
    QDoubleSpinBox* high_;
    QCheckBox* flood3D_;
    QCheckBox* eraseOnlyActive_;
    QComboBox* axis_;
    QPushButton* interpolate_;
    QPushButton* fillHoles_;
    QPushButton* removeIslands_;
    QSpinBox* minIsland_;
    QPushButton* statisticsButton_;
    QLabel* status_;
    QLabel* statistics_;
    std::unique_ptr<BackgroundJob> job_;
    bool updating_ = false;
};

}  // namespace cadview
