#include "MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWindow>

#include "AnnotationPanel.h"
#include "ClassTagActions.h"
#include "DiagnosticText.h"
#include "ExportSeriesActions.h"
#include "LabelAutosave.h"
#include "LabelFileActions.h"
#include "ModelController.h"
#include "ModelPanel.h"
#include "PacsActions.h"
#include "PreferencesDialog.h"
#include "SeriesBrowser.h"
#include "Session.h"
#include "ShortcutsDialog.h"
#include "SliceView.h"
#include "StudyLoader.h"
#include "VolumeView3D.h"
#include "image/WindowPreset.h"

namespace cadview {

namespace {
constexpr int kMaxRecent = 10;

QString presetLabel(const QString& id) {
    if (id == QLatin1String("initial")) return MainWindow::tr("Default window");
    if (id == QLatin1String("auto")) return MainWindow::tr("Automatic (percentiles)");
    if (id == QLatin1String("lung")) return MainWindow::tr("CT lung");
    if (id == QLatin1String("mediastinum")) return MainWindow::tr("CT mediastinum");
    if (id == QLatin1String("bone")) return MainWindow::tr("CT bone");
    if (id == QLatin1String("brain")) return MainWindow::tr("CT brain");
    if (id == QLatin1String("abdomen")) return MainWindow::tr("CT abdomen");
    return id;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("cadview"));
    setAcceptDrops(true);
    session_ = new Session(this);
    loader_ = new StudyLoader(session_, this);
    cine_ = new QTimer(this);
    cine_->setInterval(100);
    connect(cine_, &QTimer::timeout, this, [this] {
        if (SliceView* v = activeSliceView()) v->step(1, true);
    });
    labelFiles_ = new LabelFileActions(this, session_, loader_);
    autosave_ = new LabelAutosave(this, session_, loader_, LabelAutosave::defaultDirectory());
    classTags_ = new ClassTagActions(this, session_, loader_, ClassTagActions::defaultTagsFile());
    exportSeries_ = new ExportSeriesActions(this, loader_);
    buildViews();
    buildDocks();
    buildActions();

    connect(loader_, &StudyLoader::busyChanged, this, [this](bool busy) {
        cancelButton_->setVisible(busy);
        progressBar_->setVisible(busy);
    });
    connect(loader_, &StudyLoader::progress, this, [this](const QString& text, int percent) {
        statusText_->setText(text);
        progressBar_->setRange(0, percent < 0 ? 0 : 100);
        if (percent >= 0) progressBar_->setValue(percent);
    });
    connect(loader_, &StudyLoader::indexed, this,
            [this] { browser_->setIndex(loader_->index(), session_->demoMode()); });
    connect(loader_, &StudyLoader::loaded, this, &MainWindow::onLoaded);
    connect(loader_, &StudyLoader::diagnosticsChanged, this, &MainWindow::showDiagnostics);
    connect(loader_, &StudyLoader::failed, this, [this](const QString& message) {
        statusText_->setText(message);
        banner_->setText(message);
        banner_->setVisible(true);
        messages_->addItem(
            new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxCritical), message));
    });
    connect(loader_, &StudyLoader::overlayLoaded, this, [this](const QString& path) {
        statusText_->setText(tr("Label map %1 shown").arg(QFileInfo(path).fileName()));
    });
    connect(browser_, &SeriesBrowser::seriesActivated, loader_,
            [this](const QString& uid) { loader_->loadSeries(uid); });
    connect(loader_, &StudyLoader::tooLarge, this, [this](const QString& uid, const QString& message) {
        if (!labelFiles_->prompts()) return;
        const auto answer = QMessageBox::question(
            this, tr("Series too large"),
            tr("%1\n\nLoad it downsampled (every k-th slice, row and column, with k as small as fits)?")
                .arg(message),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) loader_->loadSeries(uid, true);
    });
    connect(session_, &Session::windowChanged, this, [this] {
        const WindowLevel w = session_->window();
        statusText_->setText(tr("Window %L1, level %L2").arg(w.width, 0, 'f', 0).arg(w.center, 0, 'f', 0));
    });
    resize(1280, 900);
    create();
    windowHandle()->installEventFilter(this);
    statusText_->setText(tr("Open a DICOM folder or an image file (File menu, or drop it here)."));
}

MainWindow::~MainWindow() = default;

SliceView* MainWindow::sliceView(int orientation) {
    ensureViews();
    return views_[orientation];
}

VolumeView3D* MainWindow::volumeView() {
    ensureViews();
    return view3d_;
}

std::array<VtkHostWindow*, 4> MainWindow::allViews() const {
    return {views_[0], views_[1], views_[2], view3d_};
}

SliceView* MainWindow::activeSliceView() const {
    return active_ ? active_ : views_[0];
}

void MainWindow::buildViews() {
    viewArea_ = new QWidget(this);
    auto* outer = new QVBoxLayout(viewArea_);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    banner_ = new QLabel(viewArea_);
    banner_->setObjectName(QStringLiteral("geometryBanner"));
    banner_->setWordWrap(true);
    banner_->setStyleSheet(
        QStringLiteral("QLabel { background: #5a4a00; color: #fff3c0; padding: 4px 8px; }"));
    banner_->setVisible(false);
    outer->addWidget(banner_);
    gridHost_ = new QWidget(viewArea_);
    grid_ = new QGridLayout(gridHost_);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    welcome_ =
        new QLabel(tr("Open a DICOM folder or an image file (File menu), or drop it here."), gridHost_);
    welcome_->setAlignment(Qt::AlignCenter);
    grid_->addWidget(welcome_, 0, 0);
    outer->addWidget(gridHost_, 1);
    setCentralWidget(viewArea_);
}

void MainWindow::ensureViews() {
    if (views_[0]) return;
    // Created after the first frame: OpenGL contexts and VTK cost ~0.2 s on software GL, and the
    // window should be on screen before that.
    for (int o = 0; o < 3; ++o) {
        views_[o] = new SliceView(session_, SliceOrientation(o));
        views_[o]->setCrosshairVisible(crosshair_);
        views_[o]->setInterpolation(smooth_);
        connect(views_[o], &SliceView::activated, this, [this](SliceView* v) { active_ = v; });
    }
    view3d_ = new VolumeView3D(session_);
    for (VtkHostWindow* v : allViews()) {
        v->container(gridHost_);
        connect(v, &VtkHostWindow::filesDropped, this,
                [this](const QStringList& paths) { openPaths(paths); });
    }
    grid_->removeWidget(welcome_);
    welcome_->hide();
    applyLayout();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* e) {
    if (watched == windowHandle() && e->type() == QEvent::Expose && !firstFrame_ &&
        windowHandle()->isExposed()) {
        firstFrame_ = true;
        // Runs after Qt has painted and flushed the exposed window.
        QTimer::singleShot(0, this, [this] {
            emit firstFrameShown();
            ensureViews();
        });
    }
    return QMainWindow::eventFilter(watched, e);
}

void MainWindow::applyLayout() {
    if (!views_[0]) return;
    for (VtkHostWindow* v : allViews()) {
        grid_->removeWidget(v->container());
        v->container()->hide();
    }
    const bool is2D = session_->hasImage() && session_->volume()->info().is2D;
    const QString layout = is2D ? QStringLiteral("axial") : layout_;
    auto place = [this](VtkHostWindow* v, int r, int c) {
        grid_->addWidget(v->container(), r, c);
        v->container()->show();
    };
    if (layout == QLatin1String("axial"))
        place(views_[0], 0, 0);
    else if (layout == QLatin1String("coronal"))
        place(views_[1], 0, 0);
    else if (layout == QLatin1String("sagittal"))
        place(views_[2], 0, 0);
    else if (layout == QLatin1String("3d"))
        place(view3d_, 0, 0);
    else {
        place(views_[0], 0, 0);
        place(views_[2], 0, 1);
        place(views_[1], 1, 0);
        place(view3d_, 1, 1);
    }
}

void MainWindow::buildDocks() {
    browser_ = new SeriesBrowser(this);
    auto* browserDock = new QDockWidget(tr("Series"), this);
    browserDock->setObjectName(QStringLiteral("seriesDock"));
    browserDock->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, browserDock);

    messages_ = new QListWidget(this);
    messages_->setObjectName(QStringLiteral("messages"));
    messages_->setWordWrap(true);
    auto* messageDock = new QDockWidget(tr("Messages"), this);
    messageDock->setObjectName(QStringLiteral("messagesDock"));
    messageDock->setWidget(messages_);
    addDockWidget(Qt::LeftDockWidgetArea, messageDock);
    resizeDocks({browserDock}, {300}, Qt::Horizontal);

    models_ = new ModelController(session_, this);
    models_->setUserDirectories(QSettings().value(QStringLiteral("models/directories")).toStringList());
    auto* aiDock = new QDockWidget(tr("AI"), this);
    aiDock->setObjectName(QStringLiteral("aiDock"));
    aiDock->setWidget(new ModelPanel(session_, models_, this));
    addDockWidget(Qt::RightDockWidgetArea, aiDock);
    resizeDocks({aiDock}, {280}, Qt::Horizontal);
    annotationPanel_ = new AnnotationPanel(session_, this);
    auto* labelDock = new QDockWidget(tr("Labels"), this);
    labelDock->setObjectName(QStringLiteral("labelDock"));
    labelDock->setWidget(annotationPanel_);
    addDockWidget(Qt::RightDockWidgetArea, labelDock);
    tabifyDockWidget(aiDock, labelDock);
    aiDock->raise();
    connect(labelFiles_, &LabelFileActions::saved, this, [this](const QString& path) {
        statusText_->setText(tr("Label map saved to %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(labelFiles_, &LabelFileActions::saveFailed, this, [this](const QString& message) {
        statusText_->setText(message);
        messages_->addItem(new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning), message));
    });
    for (auto signal : {&LabelAutosave::autosaveFailed, &LabelAutosave::unavailable})
        connect(autosave_, signal, this, [this](const QString& message) {
            statusText_->setText(message);
            messages_->addItem(
                new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning), message));
        });
    connect(autosave_, &LabelAutosave::recovered, this,
            [this] { statusText_->setText(tr("Recovered labels restored; save them to keep them.")); });
    connect(classTags_, &ClassTagActions::tagged, this,
            [this](const QString& name) { statusText_->setText(tr("Tagged as %1").arg(name)); });
    connect(classTags_, &ClassTagActions::exported, this, [this](const QString& dir, int images) {
        statusText_->setText(
            tr("%1 tagged images exported to %2").arg(images).arg(QDir::toNativeSeparators(dir)));
    });
    connect(exportSeries_, &ExportSeriesActions::exported, this, [this](const QString& dir, int files) {
        statusText_->setText(tr("%1 files exported to %2").arg(files).arg(QDir::toNativeSeparators(dir)));
    });

    statusText_ = new QLabel(this);
    progressBar_ = new QProgressBar(this);
    progressBar_->setMaximumWidth(200);
    progressBar_->setVisible(false);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setVisible(false);
    connect(cancelButton_, &QToolButton::clicked, loader_, &StudyLoader::cancel);
    statusBar()->addWidget(statusText_, 1);
    statusBar()->addPermanentWidget(progressBar_);
    statusBar()->addPermanentWidget(cancelButton_);
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFolder = file->addAction(tr("Open &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
        if (!dir.isEmpty()) openPaths({dir});
    });
    openFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    QAction* openFile = file->addAction(tr("&Open File…"), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Open image files"), QString(),
            tr("Images (*.dcm *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.png *.jpg *.jpeg);;All files (*)"));
        if (!files.isEmpty()) openPaths(files);
    });
    openFile->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    QAction* closeAction = file->addAction(tr("&Close"), this, &MainWindow::closeStudy);
    closeAction->setShortcut(QKeySequence::Close);
    exportSeries_->addTo(file);
    (new PacsActions(this))->addTo(file);
    file->addSeparator();
    labelFiles_->addFileActions(file);
    file->addSeparator();
    QAction* shot = file->addAction(tr("Save &Screenshot…"), this, &MainWindow::saveViewScreenshot);
    shot->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    labelFiles_->addEditActions(edit);
    edit->addSeparator();
    edit->addAction(tr("&Preferences…"), this, [this] { PreferencesDialog(this).exec(); });
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QToolBar* tools = addToolBar(tr("Tools"));
    tools->setObjectName(QStringLiteral("tools"));
    tools->addAction(openFolder);
    tools->addAction(openFile);

    presetBox_ = new QComboBox(this);
    presetBox_->setObjectName(QStringLiteral("presetBox"));
    QStringList ids{QStringLiteral("initial"), QStringLiteral("auto")};
    for (const auto& p : WindowPreset::ctPresets())
        ids << QString::fromUtf8(p.id.data(), int(p.id.size()));
    QMenu* presets = view->addMenu(tr("&Window Presets"));
    for (int i = 0; i < ids.size(); ++i) {
        presetBox_->addItem(presetLabel(ids[i]), ids[i]);
        QAction* a = presets->addAction(presetLabel(ids[i]), this,
                                        [this, id = ids[i]] { session_->setWindowPreset(id); });
        a->setShortcut(QKeySequence(QString::number(i)));
    }
    connect(presetBox_, &QComboBox::activated, this,
            [this](int i) { session_->setWindowPreset(presetBox_->itemData(i).toString()); });
    tools->addWidget(presetBox_);

    QAction* reset = view->addAction(tr("&Reset Views"), this, [this] {
        ensureViews();
        for (SliceView* v : views_)
            v->resetView();
        view3d_->resetCamera();
        session_->setWindowPreset(QStringLiteral("initial"));
    });
    reset->setShortcut(QKeySequence(tr("Ctrl+R")));
    tools->addAction(reset);
    QAction* cine = view->addAction(tr("&Cine"));
    cine->setCheckable(true);
    cine->setShortcut(QKeySequence(tr("Ctrl+P")));
    connect(cine, &QAction::toggled, this, [this](bool on) { on ? cine_->start() : cine_->stop(); });
    tools->addAction(cine);
    QAction* cross = view->addAction(tr("Show &Crosshair"));
    cross->setCheckable(true);
    cross->setChecked(true);
    connect(cross, &QAction::toggled, this, [this](bool on) {
        crosshair_ = on;
        for (SliceView* v : views_)
            if (v) v->setCrosshairVisible(on);
    });
    QAction* smooth = view->addAction(tr("&Smooth Display (interpolate)"));
    smooth->setCheckable(true);
    smooth->setChecked(true);
    connect(smooth, &QAction::toggled, this, [this](bool on) {
        smooth_ = on;
        for (SliceView* v : views_)
            if (v) v->setInterpolation(on);
    });
    QAction* overlay = view->addAction(tr("Show &Label Map"));
    overlay->setCheckable(true);
    overlay->setChecked(true);
    overlay->setShortcut(QKeySequence(tr("Ctrl+L")));
    connect(overlay, &QAction::toggled, session_, &Session::setOverlayVisible);
    QAction* demo = view->addAction(tr("&Hide Patient Identifiers"));
    demo->setCheckable(true);
    connect(demo, &QAction::toggled, this, &MainWindow::setDemoMode);
    connect(session_, &Session::volumeChanged, demo,
            [this, demo] { demo->setChecked(session_->demoMode()); });

    QMenu* layouts = view->addMenu(tr("&Layout"));
    layoutGroup_ = new QActionGroup(this);
    const std::pair<QString, QString> layoutNames[] = {{QStringLiteral("grid"), tr("Three Planes and 3D")},
                                                       {QStringLiteral("axial"), tr("Axial")},
                                                       {QStringLiteral("coronal"), tr("Coronal")},
                                                       {QStringLiteral("sagittal"), tr("Sagittal")},
                                                       {QStringLiteral("3d"), tr("3D")}};
    for (const auto& [id, name] : layoutNames) {
        QAction* a = layouts->addAction(name, this, [this, id = id] {
            layout_ = id;
            applyLayout();
        });
        a->setCheckable(true);
        a->setChecked(id == layout_);
        layoutGroup_->addAction(a);
    }
    QMenu* preset3d = view->addMenu(tr("3D &Rendering"));
    for (const QString& id : VolumeView3D::presetIds())
        preset3d->addAction(VolumeView3D::presetName(id), this, [this, id] {
            ensureViews();
            view3d_->setPreset(id);
        });

    QMenu* ai = menuBar()->addMenu(tr("&AI"));
    ai->addAction(tr("Add &Model Folder…"), this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder of models (one sub-folder per model)"));
        if (dir.isEmpty()) return;
        QSettings settings;
        QStringList dirs = settings.value(QStringLiteral("models/directories")).toStringList();
        if (!dirs.contains(dir)) dirs << dir;
        settings.setValue(QStringLiteral("models/directories"), dirs);
        models_->setUserDirectories(dirs);
    });
    ai->addAction(tr("&Rescan Models"), models_, &ModelController::rescan);

    classTags_->addMenu(menuBar()->addMenu(tr("&Dataset")));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard Shortcuts and Mouse"), this,
                                    [this] { ShortcutsDialog(menuBar(), this).exec(); });
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About cadview"), this, [this] {
        QMessageBox::about(this, tr("About cadview"),
                           tr("cadview %1: a viewer for CT, MR and X-ray studies with AI overlays.\n"
                              "Not for diagnostic use.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(path, this, [this, path] { openPaths({path}); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recent"), recent);
    rebuildRecentMenu();
}

void MainWindow::openPaths(const QStringList& paths, const QString& seriesUid) {
    if (paths.isEmpty() || !labelFiles_->confirmDiscard()) return;
    ensureViews();
    messages_->clear();
    banner_->setVisible(false);
    loader_->open(paths, seriesUid);
}

bool MainWindow::closeStudy() {
    if (!labelFiles_->confirmDiscard()) return false;
    models_->cancel();
    loader_->close();
    messages_->clear();
    banner_->setVisible(false);
    statusText_->clear();
    setWindowTitle(tr("cadview"));
    return true;
}

void MainWindow::setDemoMode(bool on) {
    if (session_->demoMode() == on) return;
    session_->setDemoMode(on);
    browser_->setIndex(loader_->index(), on);
    browser_->markCurrent(loader_->currentUid());
}

void MainWindow::onLoaded() {
    const auto& v = session_->volume();
    if (!v) return;
    applyLayout();
    browser_->markCurrent(loader_->currentUid());
    presetBox_->setCurrentIndex(0);
    const QString name = session_->demoMode() || v->info().patientName.empty()
                             ? QString::fromStdString(v->info().seriesDescription)
                             : QString::fromStdString(v->info().patientName);
    setWindowTitle(name.isEmpty() ? tr("cadview") : tr("%1 — cadview").arg(name));
    const auto& g = v->geometry();
    statusText_->setText(tr("%L1 × %L2 × %L3 voxels, %L4 × %L5 × %L6 mm")
                             .arg(g.size[0])
                             .arg(g.size[1])
                             .arg(g.size[2])
                             .arg(g.spacing[0], 0, 'g', 4)
                             .arg(g.spacing[1], 0, 'g', 4)
                             .arg(g.spacing[2], 0, 'g', 4));
    for (const QString& p : loader_->openedPaths())
        addRecent(QFileInfo(p).absoluteFilePath());
}

void MainWindow::showDiagnostics() {
    messages_->clear();
    QStringList geometry;
    for (const Diagnostic& d : loader_->diagnostics()) {
        const auto icon = d.severity == Diagnostic::Severity::Error     ? QStyle::SP_MessageBoxCritical
                          : d.severity == Diagnostic::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                        : QStyle::SP_MessageBoxInformation;
        messages_->addItem(new QListWidgetItem(style()->standardIcon(icon), DiagnosticText::text(d)));
        using C = Diagnostic::Code;
        if (d.code == C::GantryTilt || d.code == C::UnevenSpacing || d.code == C::MissingSlices ||
            d.code == C::Resampled || d.code == C::SpacingUnknown || d.code == C::PixelDecodeFailed ||
            d.code == C::SeveralSeries || d.code == C::GeometryAdjusted)
            geometry << DiagnosticText::reason(d);
    }
    // Geometry findings go on a banner above the views: never a silently distorted picture.
    banner_->setText(geometry.join(QStringLiteral("; ")));
    banner_->setVisible(!geometry.isEmpty());
}

void MainWindow::saveViewScreenshot() {
    const QString name = QFileDialog::getSaveFileName(
        this, tr("Save screenshot"),
        QDir::home().filePath(
            QStringLiteral("cadview-%1.png")
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))),
        tr("PNG images (*.png)"));
    if (name.isEmpty()) return;
    ensureViews();
    VtkHostWindow* target =
        layout_ == QLatin1String("3d") ? static_cast<VtkHostWindow*>(view3d_) : activeSliceView();
    if (!target->grab().save(name))
        QMessageBox::warning(this, tr("Screenshot"), tr("Cannot write %1.").arg(name));
}

QImage MainWindow::windowImage() {
    // QWidget::grab() does not see the views' native OpenGL windows, so each view's own framebuffer is
    // laid over the window's picture.
    QImage image = grab().toImage();
    QPainter painter(&image);
    if (!views_[0]) return image;
    for (VtkHostWindow* view : allViews()) {
        QWidget* box = view->container();
        if (!box->isVisible()) continue;
        painter.drawImage(QRect(box->mapTo(this, QPoint(0, 0)), box->size()), view->grab());
    }
    return image;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList paths;
    for (const QUrl& url : e->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        openPaths(paths);
        e->acceptProposedAction();
    }
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!labelFiles_->confirmDiscard()) {
        e->ignore();
        return;
    }
    loader_->cancel();
    cine_->stop();
    e->accept();
}

}  // namespace cadview
