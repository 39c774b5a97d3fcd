#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSlider;

namespace cadview {

class ModelController;
class Volume;
class Session;

// The AI panel: pick a model and run it on the open study (progress, cancel, errors in plain words);
// then the result as a preview: a segmentation's labels (visibility per label, fill or outline,
// opacity; accept into the label map or discard), or a classifier's findings sorted by probability,
// each showing its heatmap (threshold and opacity below). A segmentation preview is compared with the label
// map (ground truth loaded from a file, or drawn by hand): Dice per label, updated whenever either changes.
class ModelPanel : public QWidget {
    Q_OBJECT
  public:
    ModelPanel(Session* session, ModelController* controller, QWidget* parent = nullptr);

  private:
    void refreshModels();
    void refreshResult();
    void refreshAgreement();

    Session* session_;
    ModelController* controller_;
    QComboBox* models_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QGroupBox* maskBox_;
    QListWidget* maskLabels_;
    QCheckBox* outline_;
    QSlider* maskOpacity_;
    QLabel* agreement_;
    const Volume* agreementMask_ = nullptr;  // the pair the agreement text was computed for
    const Volume* agreementLabels_ = nullptr;
    QPushButton* accept_;
    QPushButton* acceptOne_;
    QPushButton* discard_;
    QGroupBox* findingsBox_;
    QListWidget* findings_;
    QSlider* threshold_;
    QSlider* heatOpacity_;
    bool updating_ = false;
};

}  // namespace cadview
