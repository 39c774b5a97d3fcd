#include "ModelPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

#include "ModelController.h"
#include "Session.h"
#include "evaluation/LabelMask.h"
#include "evaluation/Overlap.h"

namespace cadview {

namespace {
QSlider* percentSlider(QWidget* parent, double value) {
    auto* s = new QSlider(Qt::Horizontal, parent);
    s->setRange(0, 100);
    s->setValue(int(value * 100));
    return s;
}
QIcon swatch(const std::array<std::uint8_t, 3>& c) {
    QPixmap p(12, 12);
    p.fill(QColor(c[0], c[1], c[2]));
    return QIcon(p);
}
}  // namespace

ModelPanel::ModelPanel(Session* session, ModelController* controller, QWidget* parent)
    : QWidget(parent), session_(session), controller_(controller) {
    setObjectName(QStringLiteral("modelPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    models_ = new QComboBox(this);
    models_->setObjectName(QStringLiteral("modelCombo"));
    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(QStringLiteral("runModel"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    row->addWidget(models_, 1);
    row->addWidget(run_);
    row->addWidget(cancel_);
    layout->addLayout(row);
    progress_ = new QProgressBar(this);
    progress_->setVisible(false);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("modelStatus"));
    status_->setWordWrap(true);
    layout->addWidget(progress_);
    layout->addWidget(status_);

    maskBox_ = new QGroupBox(tr("Segmentation (preview)"), this);
    auto* maskLayout = new QVBoxLayout(maskBox_);
    maskLabels_ = new QListWidget(maskBox_);
    maskLabels_->setObjectName(QStringLiteral("maskLabels"));
    outline_ = new QCheckBox(tr("Outline"), maskBox_);
    maskOpacity_ = percentSlider(maskBox_, session_->aiOpacity());
    auto* maskForm = new QFormLayout;
    maskForm->addRow(outline_);
    maskForm->addRow(tr("Opacity"), maskOpacity_);
    agreement_ = new QLabel(maskBox_);
    agreement_->setObjectName(QStringLiteral("agreement"));
    agreement_->setWordWrap(true);
    maskForm->addRow(agreement_);
    auto* maskButtons = new QHBoxLayout;
    accept_ = new QPushButton(tr("Accept into label map"), maskBox_);
    accept_->setObjectName(QStringLiteral("acceptMask"));
    accept_->setToolTip(tr("Copy the shown labels into the label map (one undoable step)"));
    acceptOne_ = new QPushButton(tr("Accept selected"), maskBox_);
    acceptOne_->setObjectName(QStringLiteral("acceptSelectedLabel"));
    acceptOne_->setToolTip(tr("Copy only the selected label; the rest stays a preview"));
    discard_ = new QPushButton(tr("Discard"), maskBox_);
    maskButtons->addWidget(accept_);
    maskButtons->addWidget(acceptOne_);
    maskButtons->addWidget(discard_);
    maskLayout->addWidget(maskLabels_);
    maskLayout->addLayout(maskForm);
    maskLayout->addLayout(maskButtons);
    layout->addWidget(maskBox_);

    findingsBox_ = new QGroupBox(tr("Findings"), this);
    auto* findingsLayout = new QVBoxLayout(findingsBox_);
    findings_ = new QListWidget(findingsBox_);
    findings_->setObjectName(QStringLiteral("findings"));
    threshold_ = percentSlider(findingsBox_, session_->heatmapThreshold());
    heatOpacity_ = percentSlider(findingsBox_, session_->heatmapOpacity());
    auto* heatForm = new QFormLayout;
    heatForm->addRow(tr("Heatmap from"), threshold_);
    heatForm->addRow(tr("Opacity"), heatOpacity_);
    findingsLayout->addWidget(findings_);
    findingsLayout->addLayout(heatForm);
    layout->addWidget(findingsBox_);
    layout->addStretch(1);

    connect(run_, &QPushButton::clicked, this, [this] {
        status_->clear();
        controller_->run(models_->currentData().toString());
    });
    connect(cancel_, &QPushButton::clicked, controller_, &ModelController::cancel);
    connect(controller_, &ModelController::modelsChanged, this, &ModelPanel::refreshModels);
    connect(controller_, &ModelController::busyChanged, this, [this](bool busy) {
        run_->setEnabled(!busy && models_->count() > 0);
        cancel_->setEnabled(busy);
        progress_->setVisible(busy);
    });
    connect(controller_, &ModelController::progress, this, [this](const QString& text, int percent) {
        status_->setText(text);
        progress_->setRange(0, percent < 0 ? 0 : 100);
        if (percent >= 0) progress_->setValue(percent);
    });
    connect(controller_, &ModelController::finished, this, [this](const QString& model, double seconds) {
        status_->setText(tr("%1 finished in %L2 s").arg(model).arg(seconds, 0, 'f', 2));
    });
    connect(controller_, &ModelController::failed, this,
            [this](const QString& message) { status_->setText(message); });

    connect(session_, &Session::aiChanged, this, &ModelPanel::refreshResult);
    connect(session_, &Session::overlayChanged, this, &ModelPanel::refreshAgreement);
    connect(maskLabels_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!updating_)
            session_->setAiLabelVisible(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
    });
    connect(outline_, &QCheckBox::toggled, session_, &Session::setAiOutline);
    connect(maskOpacity_, &QSlider::valueChanged, this, [this](int v) { session_->setAiOpacity(v / 100.0); });
    connect(accept_, &QPushButton::clicked, session_, [this] { session_->acceptAiMask(); });
    connect(acceptOne_, &QPushButton::clicked, session_, [this] {
        if (QListWidgetItem* item = maskLabels_->currentItem())
            session_->acceptAiMask(item->data(Qt::UserRole).toInt());
    });
    connect(discard_, &QPushButton::clicked, session_, &Session::clearAiResult);
    connect(findings_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const int label = item->data(Qt::UserRole).toInt();
        session_->setActiveHeatmap(session_->activeHeatmap() == label ? -1 : label);
    });
    connect(threshold_, &QSlider::valueChanged, this,
            [this](int v) { session_->setHeatmapThreshold(v / 100.0); });
    connect(heatOpacity_, &QSlider::valueChanged, this,
            [this](int v) { session_->setHeatmapOpacity(v / 100.0); });
    refreshModels();
    refreshResult();
}

void ModelPanel::refreshModels() {
    const QString current = models_->currentData().toString();
    models_->clear();
    for (const ModelManifest& m : controller_->registry().models()) {
        models_->addItem(
            QStringLiteral("%1 %2").arg(QString::fromStdString(m.name), QString::fromStdString(m.version)),
            QString::fromStdString(m.name));
        models_->setItemData(models_->count() - 1, QString::fromStdString(m.description), Qt::ToolTipRole);
    }
    const int i = models_->findData(current);
    if (i >= 0) models_->setCurrentIndex(i);
    run_->setEnabled(models_->count() > 0 && !controller_->busy());
    if (models_->count() == 0) status_->setText(tr("No models found."));
}

void ModelPanel::refreshResult() {
    updating_ = true;
    const auto& labels = session_->aiLabels();
    maskBox_->setVisible(session_->aiMask() != nullptr);
    if (session_->aiMask()) {
        maskBox_->setTitle(tr("Segmentation (preview): %1").arg(QString::fromStdString(session_->aiModel())));
        maskLabels_->clear();
        for (const auto& l : labels) {
            auto* item = new QListWidgetItem(swatch(l.color), QString::fromStdString(l.name), maskLabels_);
            item->setData(Qt::UserRole, l.value);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(session_->aiLabelVisible(l.value) ? Qt::Checked : Qt::Unchecked);
        }
        outline_->setChecked(session_->aiOutline());
    }
    refreshAgreement();
    const auto& p = session_->findings();
    findingsBox_->setVisible(!p.empty());
    if (!p.empty()) {
        findingsBox_->setTitle(tr("Findings: %1").arg(QString::fromStdString(session_->aiModel())));
        findings_->clear();
        std::vector<std::size_t> order(p.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
        for (std::size_t k : order) {
            const QString name =
                k < labels.size() ? QString::fromStdString(labels[k].name) : QString::number(k);
            auto* item = new QListWidgetItem(tr("%1  %L2 %").arg(name).arg(p[k] * 100, 0, 'f', 1), findings_);
            item->setData(Qt::UserRole, int(k));
            if (int(k) == session_->activeHeatmap()) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setSelected(true);
            }
        }
    }
    updating_ = false;
}

void ModelPanel::refreshAgreement() {
    const Volume* mask = session_->aiMask().get();
    const Volume* labels = session_->overlay().get();
    if (mask == agreementMask_ && labels == agreementLabels_) return;  // display settings only
    agreementMask_ = mask;
    agreementLabels_ = labels;
    if (!mask) return;
    if (!labels || labels->geometry().size != mask->geometry().size) {
        agreement_->setText(
            tr("Dice: open a ground-truth label map (File > Open Label Map) or accept and "
               "correct this preview to compare."));
        return;
    }
    // One label: any label-map value counts (ground truths often mark 255); several: value by value.
    const auto& modelLabels = session_->aiLabels();
    QStringList parts;
    for (const auto& l : modelLabels) {
        const auto a = LabelMask::select(*labels, modelLabels.size() == 1 ? -1 : l.value);
        const auto b = LabelMask::select(*mask, l.value);
        const Overlap o = Overlap::of(a.data(), b.data(), a.size());
        parts << tr("%1 %L2").arg(QString::fromStdString(l.name)).arg(o.dice(), 0, 'f', 3);
    }
    agreement_->setText(tr("Dice against the label map: %1").arg(parts.join(QStringLiteral(", "))));
}

}  // namespace cadview
