#pragma once

#include <QMainWindow>

#include <QString>
#include <QStringList>
#include <array>

class QActionGroup;
class QImage;
class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QTimer;
class QToolButton;

namespace cadview {

class AnnotationPanel;
class ClassTagActions;
class LabelAutosave;
class ExportSeriesActions;
class LabelFileActions;
class ModelController;
class SeriesBrowser;
class Session;
class SliceView;
class StudyLoader;
class VolumeView3D;
class VtkHostWindow;

// The viewer's main window: three slice views and a 3D view (one large view for radiographs), the
// series browser, messages, window presets, cine, screenshots, recent items and drag and drop.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return session_; }
    StudyLoader* loader() const { return loader_; }
    // The views are created right after the window's first frame (or when first needed).
    SliceView* sliceView(int orientation);
    VolumeView3D* volumeView();

    void openPaths(const QStringList& paths, const QString& seriesUid = {});
    // File > Close: after asking about unsaved labels, stops loading and AI runs and unloads the study.
    // False when the user keeps it.
    bool closeStudy();
    void setDemoMode(bool on);
    // The whole window as on screen, views included.
    QImage windowImage();
    ModelController* models() const { return models_; }
    LabelFileActions* labelFiles() const { return labelFiles_; }
    LabelAutosave* autosave() const { return autosave_; }
    ClassTagActions* classTags() const { return classTags_; }
    ExportSeriesActions* exportSeries() const { return exportSeries_; }
    AnnotationPanel* annotationPanel() const { return annotationPanel_; }

  signals:
    // The window has been painted on screen for the first time.
    void firstFrameShown();

  protected:
    bool eventFilter(QObject* watched, QEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;

  private:
    void buildViews();
    void ensureViews();
    void buildDocks();
    void buildActions();
    void applyLayout();
    void rebuildRecentMenu();
    void addRecent(const QString& path);
    void showDiagnostics();
    void onLoaded();
    void saveViewScreenshot();
    SliceView* activeSliceView() const;
    std::array<VtkHostWindow*, 4> allViews() const;

    Session* session_;
    StudyLoader* loader_;
    ModelController* models_ = nullptr;
    LabelFileActions* labelFiles_ = nullptr;
    LabelAutosave* autosave_ = nullptr;
    ClassTagActions* classTags_ = nullptr;
    ExportSeriesActions* exportSeries_ = nullptr;
    AnnotationPanel* annotationPanel_ = nullptr;
    SliceView* views_[3] = {nullptr, nullptr, nullptr};
    VolumeView3D* view3d_ = nullptr;
    QWidget* viewArea_ = nullptr;
    QWidget* gridHost_ = nullptr;
    QLabel* welcome_ = nullptr;
    bool firstFrame_ = false;
    bool crosshair_ = true;
    bool smooth_ = true;
    QGridLayout* grid_ = nullptr;
    QLabel* banner_ = nullptr;
    SeriesBrowser* browser_ = nullptr;
    QListWidget* messages_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    QLabel* statusText_ = nullptr;
    QComboBox* presetBox_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QTimer* cine_ = nullptr;
    QActionGroup* layoutGroup_ = nullptr;
    SliceView* active_ = nullptr;
    QString layout_ = QStringLiteral("grid");
};

}  // namespace cadview
