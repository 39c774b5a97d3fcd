#include "AnnotationPanel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "BackgroundJob.h"
#include "LabelTableWidget.h"
#include "Session.h"
#include "SliceAxes.h"
#include "annotation/HoleFilling.h"
#include "annotation/IslandRemoval.h"
#include "annotation/RoiStatistics.h"
#include "annotation/SliceInterpolation.h"

namespace cadview {

AnnotationPanel::AnnotationPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName(QStringLiteral("annotationPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* labelsBox = new QGroupBox(tr("Labels"), this);
    auto* labelsLayout = new QVBoxLayout(labelsBox);
    labels_ = new LabelTableWidget(session_, labelsBox);
    labelsLayout->addWidget(labels_);
    layout->addWidget(labelsBox);

    auto* toolsBox = new QGroupBox(tr("Tools"), this);
    auto* toolsLayout = new QVBoxLayout(toolsBox);
    auto* toolGrid = new QGridLayout;
    tools_ = new QButtonGroup(this);
    tools_->setExclusive(true);
    const struct {
        AnnotationTool::Kind kind;
        QString name;
        QString tip;
    } kinds[] = {
        {AnnotationTool::Kind::Navigate, tr("Navigate"),
         tr("Left drag: window/level; click: move the cursor")},
        {AnnotationTool::Kind::Brush, tr("Brush"),
         tr("Paint the active label; Ctrl + drag erases; [ and ] size")},
        {AnnotationTool::Kind::Eraser, tr("Eraser"), tr("Erase labels; [ and ] size")},
        {AnnotationTool::Kind::Polygon, tr("Polygon"),
         tr("Clicks add corners, a drag draws a lasso; double-click or Enter fills, Esc cancels")},
        {AnnotationTool::Kind::FloodFill, tr("Fill"),
         tr("Fill the connected region under a click: within the intensity range when it is on, "
            "otherwise the region of the label map")},
        {AnnotationTool::Kind::Ruler, tr("Ruler"), tr("Drag to measure a distance")},
        {AnnotationTool::Kind::Angle, tr("Angle"), tr("Three clicks: arm, vertex, arm")},
    };
    int n = 0;
    for (const auto& k : kinds) {
        auto* button = new QToolButton(toolsBox);
        button->setText(k.name);
        button->setToolTip(k.tip);
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        button->setObjectName(QStringLiteral("tool%1").arg(int(k.kind)));
        tools_->addButton(button, int(k.kind));
        toolGrid->addWidget(button, n / 4, n % 4);
        ++n;
    }
    toolsLayout->addLayout(toolGrid);
    auto* form = new QFormLayout;
    radius_ = new QDoubleSpinBox(toolsBox);
    radius_->setObjectName(QStringLiteral("brushRadius"));
    radius_->setRange(0.25, 100.0);
    radius_->setDecimals(2);
    radius_->setSuffix(tr(" mm"));
    sphere_ = new QCheckBox(tr("3D sphere"), toolsBox);
    auto* brushRow = new QHBoxLayout;
    brushRow->addWidget(radius_, 1);
    brushRow->addWidget(sphere_);
    form->addRow(tr("Brush radius"), brushRow);
    threshold_ = new QCheckBox(tr("Only intensities from"), toolsBox);
    threshold_->setObjectName(QStringLiteral("thresholdOn"));
    low_ = new QDoubleSpinBox(toolsBox);
    high_ = new QDoubleSpinBox(toolsBox);
    for (QDoubleSpinBox* box : {low_, high_}) {
        box->setRange(-100000.0, 100000.0);
        box->setDecimals(1);
    }
    low_->setObjectName(QStringLiteral("thresholdLow"));
    high_->setObjectName(QStringLiteral("thresholdHigh"));
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(low_);
    rangeRow->addWidget(new QLabel(tr("to"), toolsBox));
    rangeRow->addWidget(high_);
    form->addRow(threshold_, rangeRow);
    flood3D_ = new QCheckBox(tr("Fill in 3D"), toolsBox);
    eraseOnlyActive_ = new QCheckBox(tr("Erase only the active label"), toolsBox);
    form->addRow(flood3D_);
    form->addRow(eraseOnlyActive_);
    toolsLayout->addLayout(form);
    layout->addWidget(toolsBox);

    auto* opsBox = new QGroupBox(tr("Active label"), this);
    auto* opsLayout = new QGridLayout(opsBox);
    axis_ = new QComboBox(opsBox);
    axis_->addItem(tr("Axial slices"), int(SliceOrientation::Axial));
    axis_->addItem(tr("Coronal slices"), int(SliceOrientation::Coronal));
    axis_->addItem(tr("Sagittal slices"), int(SliceOrientation::Sagittal));
    interpolate_ = new QPushButton(tr("Interpolate"), opsBox);
    interpolate_->setObjectName(QStringLiteral("interpolate"));
    interpolate_->setToolTip(tr("Fill the slices between drawn slices of the active label"));
    fillHoles_ = new QPushButton(tr("Fill holes"), opsBox);
    fillHoles_->setObjectName(QStringLiteral("fillHoles"));
    removeIslands_ = new QPushButton(tr("Remove islands below"), opsBox);
    removeIslands_->setObjectName(QStringLiteral("removeIslands"));
    minIsland_ = new QSpinBox(opsBox);
    minIsland_->setRange(1, 100000000);
    minIsland_->setValue(100);
    minIsland_->setSuffix(tr(" voxels"));
    statisticsButton_ = new QPushButton(tr("Statistics"), opsBox);
    statisticsButton_->setObjectName(QStringLiteral("labelStatistics"));
    opsLayout->addWidget(axis_, 0, 0);
    opsLayout->addWidget(interpolate_, 0, 1);
    opsLayout->addWidget(fillHoles_, 1, 0);
    opsLayout->addWidget(statisticsButton_, 1, 1);
    opsLayout->addWidget(removeIslands_, 2, 0);
    opsLayout->addWidget(minIsland_, 2, 1);
    status_ = new QLabel(opsBox);
    status_->setObjectName(QStringLiteral("annotationStatus"));
    status_->setWordWrap(true);
    statistics_ = new QLabel(opsBox);
    statistics_->setObjectName(QStringLiteral("statistics"));
    statistics_->setWordWrap(true);
    statistics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    opsLayout->addWidget(status_, 3, 0, 1, 2);
    opsLayout->addWidget(statistics_, 4, 0, 1, 2);
    layout->addWidget(opsBox);
    layout->addStretch(1);

    connect(tools_, &QButtonGroup::idClicked, this, [this] { pushTool(); });
    for (QDoubleSpinBox* box : {radius_, low_, high_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { pushTool(); });
    for (QCheckBox* box : {sphere_, threshold_, flood3D_, eraseOnlyActive_})
        connect(box, &QCheckBox::toggled, this, [this] { pushTool(); });
    connect(session_, &Session::toolChanged, this, &AnnotationPanel::syncFromTool);
    connect(session_, &Session::volumeChanged, this, [this] {
        statistics_->clear();
        status_->clear();
        job_.reset();
        updateEnabled();
    });
    connect(session_, &Session::labelsChanged, this, [this] { statistics_->clear(); });

    connect(interpolate_, &QPushButton::clicked, this, [this] {
        const PaintRule rule = session_->paintRule(false);
        const int axis = normalAxis();
        runOperation(tr("Interpolation"), [rule, axis](Volume& labels, JobContext& job) {
            return SliceInterpolation::interpolate(labels, rule, axis, &job);
        });
    });
    connect(fillHoles_, &QPushButton::clicked, this, [this] {
        PaintRule rule = session_->paintRule(false);
        rule.image = nullptr;
        const Connectivity c =
            session_->tool().floodIn3D ? Connectivity::volume6() : Connectivity::slice4(normalAxis());
        runOperation(tr("Fill holes"), [rule, c](Volume& labels, JobContext& job) {
            return HoleFilling::fill(labels, rule, c, &job);
        });
    });
    connect(removeIslands_, &QPushButton::clicked, this, [this] {
        PaintRule rule = session_->paintRule(true);
        rule.image = nullptr;
        const auto label = std::uint8_t(session_->labelDocument().activeLabel());
        rule.eraseOnly = label;
        const std::size_t minVoxels = std::size_t(minIsland_->value());
        runOperation(tr("Remove islands"), [rule, label, minVoxels](Volume& labels, JobContext& job) {
            return IslandRemoval::removeSmall(labels, label, minVoxels, rule, Connectivity::volume6(), &job);
        });
    });
    connect(statisticsButton_, &QPushButton::clicked, this, &AnnotationPanel::computeStatistics);
    syncFromTool();
    updateEnabled();
}

AnnotationPanel::~AnnotationPanel() = default;

int AnnotationPanel::normalAxis() const {
    if (!session_->hasImage()) return 2;
    return SliceAxes::compute(session_->volume()->geometry(), SliceOrientation(axis_->currentData().toInt()))
        .normalAxis;
}

void AnnotationPanel::syncFromTool() {
    updating_ = true;
    const AnnotationTool& t = session_->tool();
    if (QAbstractButton* b = tools_->button(int(t.kind))) b->setChecked(true);
    radius_->setValue(t.brushRadiusMm);
    sphere_->setChecked(t.sphere);
    threshold_->setChecked(t.thresholdOn);
    low_->setValue(t.low);
    high_->setValue(t.high);
    flood3D_->setChecked(t.floodIn3D);
    eraseOnlyActive_->setChecked(t.eraseOnlyActive);
    updating_ = false;
}

void AnnotationPanel::pushTool() {
    if (updating_) return;
    AnnotationTool t = session_->tool();
    t.kind = AnnotationTool::Kind(std::max(0, tools_->checkedId()));
    t.brushRadiusMm = radius_->value();
    t.sphere = sphere_->isChecked();
    t.thresholdOn = threshold_->isChecked();
    t.low = low_->value();
    t.high = high_->value();
    t.floodIn3D = flood3D_->isChecked();
    t.eraseOnlyActive = eraseOnlyActive_->isChecked();
    session_->setTool(t);
}

void AnnotationPanel::updateEnabled() {
    const bool idle = !job_ && session_->hasImage() && !session_->isPreview();
    for (QPushButton* b : {interpolate_, fillHoles_, removeIslands_, statisticsButton_})
        b->setEnabled(idle);
}

bool AnnotationPanel::runOperation(const QString& name, Operation operation) {
    if (job_ || !session_->hasImage() || session_->isPreview()) return false;
    LabelMapDocument& doc = session_->labelDocument();
    if (!doc.hasLabels()) {
        status_->setText(tr("%1: nothing drawn yet.").arg(name));
        emit operationFinished(false);
        return true;
    }
    auto copy = doc.snapshot();
    auto result = std::make_shared<LabelEdit>();
    const std::size_t revision = doc.revision();
    job_ = std::make_unique<BackgroundJob>(
        [copy, result, operation](JobContext& job) { *result = operation(*copy, job); });
    status_->setText(tr("%1…").arg(name));
    connect(job_.get(), &BackgroundJob::succeeded, this, [this, name, result, revision] {
        LabelMapDocument& document = session_->labelDocument();
        bool applied = false;
        if (document.revision() != revision || !document.labels()) {
            status_->setText(tr("%1: the labels changed while it ran; run it again.").arg(name));
        } else if (result->empty()) {
            status_->setText(tr("%1: nothing to change.").arg(name));
        } else {
            const std::size_t voxels = result->changedVoxels();
            result->apply(*document.labels());
            document.commit(std::move(*result));
            session_->labelsEdited();
            status_->setText(tr("%1: %2 voxels changed.").arg(name).arg(voxels));
            applied = true;
        }
        emit operationFinished(applied);
    });
    connect(job_.get(), &BackgroundJob::failed, this, [this, name](const QString& message) {
        status_->setText(tr("%1 failed: %2").arg(name, message));
        emit operationFinished(false);
    });
    connect(job_.get(), &BackgroundJob::finished, this, [this] {
        job_.release()->deleteLater();
        updateEnabled();
    });
    job_->start();
    updateEnabled();
    return true;
}

void AnnotationPanel::computeStatistics() {
    if (job_ || !session_->hasImage()) return;
    const LabelMapDocument& doc = session_->labelDocument();
    const int label = doc.activeLabel();
    const LabelEntry* entry = doc.table().find(label);
    const QString name = entry ? QString::fromStdString(entry->name) : QString::number(label);
    if (!doc.hasLabels()) {
        statistics_->setText(tr("%1: no voxels").arg(name));
        return;
    }
    auto copy = doc.snapshot();
    auto image = session_->volume();
    auto stats = std::make_shared<RoiStatistics>();
    auto onSlice = std::make_shared<RoiStatistics>();
    // The slice through the cursor, across the axis picked for interpolation.
    const int axis = normalAxis();
    const Vec3 cursor = image->geometry().physicalToIndex(session_->cursor());
    const auto slice = std::size_t(std::clamp(std::lround(cursor[std::size_t(axis)]), 0L,
                                              long(image->geometry().size[std::size_t(axis)]) - 1));
    job_ = std::make_unique<BackgroundJob>([copy, image, stats, onSlice, label, axis, slice](JobContext&) {
        *stats = RoiStatistics::ofLabel(*image, *copy, std::uint8_t(label));
        *onSlice = RoiStatistics::ofLabelOnSlice(*image, *copy, std::uint8_t(label), axis, slice);
    });
    const QString sliceName = axis_->currentText();
    const bool ct = image->info().modality == "CT";
    connect(job_.get(), &BackgroundJob::succeeded, this, [this, stats, onSlice, name, ct, sliceName, slice] {
        if (stats->count == 0) {
            statistics_->setText(tr("%1: no voxels").arg(name));
            return;
        }
        const QString unit = ct ? tr(" HU") : QString();
        statistics_->setText(tr("%1: %L2 voxels, %L3 ml\nmean %L4%8, SD %L5%8\nmin %L6%8, max %L7%8")
                                 .arg(name)
                                 .arg(stats->count)
                                 .arg(stats->volumeMl, 0, 'f', 2)
                                 .arg(stats->mean, 0, 'f', 1)
                                 .arg(stats->sd, 0, 'f', 1)
                                 .arg(stats->min, 0, 'f', 1)
                                 .arg(stats->max, 0, 'f', 1)
                                 .arg(unit) +
                             QLatin1Char('\n') +
                             tr("area on slice %L1 (%2): %L3 mm²")
                                 .arg(slice + 1)
                                 .arg(sliceName.toLower())
                                 .arg(onSlice->areaMm2, 0, 'f', 1));
    });
    connect(job_.get(), &BackgroundJob::failed, this,
            [this](const QString& message) { statistics_->setText(message); });
    connect(job_.get(), &BackgroundJob::finished, this, [this] {
        job_.release()->deleteLater();
        updateEnabled();
    });
    job_->start();
    updateEnabled();
}

}  // namespace cadview
