#include "PacsNodesPage.h"

#include <QElapsedTimer>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

#include "BackgroundJob.h"
#include "PacsNodeDialog.h"
#include "pacs/PacsClient.h"

namespace cadview {

PacsNodesPage::PacsNodesPage(QWidget* parent) : QWidget(parent), nodes_(PacsSettings::nodes()) {
    table_ = new QTableWidget(0, 5, this);
    table_->setObjectName(QStringLiteral("pacsNodes"));
    table_->setHorizontalHeaderLabels(
        {tr("Name"), tr("AE title"), tr("Host"), tr("Port"), tr("DICOMweb URL")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    auto* add = new QPushButton(tr("&Add…"), this);
    auto* edit = new QPushButton(tr("&Edit…"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    verifyButton_ = new QPushButton(tr("&Verify (C-ECHO)"), this);
    verifyButton_->setObjectName(QStringLiteral("verify"));
    connect(add, &QPushButton::clicked, this, [this] {
        PacsNodeDialog dialog({}, callingAe_->text().trimmed(), this);
        if (dialog.exec() == QDialog::Accepted) addNode(dialog.node());
    });
    connect(edit, &QPushButton::clicked, this, [this] { editNode(table_->currentRow()); });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { editNode(row); });
    connect(remove, &QPushButton::clicked, this, [this] { removeNode(table_->currentRow()); });
    connect(verifyButton_, &QPushButton::clicked, this, [this] { verify(table_->currentRow()); });
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {add, edit, remove, verifyButton_})
        buttons->addWidget(b);
    buttons->addStretch();
    verifyResult_ = new QLabel(this);
    verifyResult_->setObjectName(QStringLiteral("verifyResult"));
    verifyResult_->setWordWrap(true);
    verifyResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    callingAe_ = new QLineEdit(PacsSettings::callingAeTitle(), this);
    callingAe_->setObjectName(QStringLiteral("callingAeTitle"));
    movePort_ = new QSpinBox(this);
    movePort_->setObjectName(QStringLiteral("movePort"));
    movePort_->setRange(1, 65535);
    movePort_->setValue(PacsSettings::movePort());
    auto* form = new QFormLayout;
    form->addRow(tr("Our &calling AE title:"), callingAe_);
    form->addRow(tr("C-MOVE &receive port:"), movePort_);
    auto* note = new QLabel(
        tr("For C-MOVE the PACS must know our AE title with this computer's address and the receive port."),
        this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addLayout(buttons);
    layout->addWidget(verifyResult_);
    layout->addLayout(form);
    layout->addWidget(note);
    refresh();
}

void PacsNodesPage::refresh() {
    table_->setRowCount(int(nodes_.size()));
    for (int row = 0; row < nodes_.size(); ++row) {
        const PacsSettings::Node& n = nodes_[row];
        const QStringList cells = {n.name, n.aeTitle, n.host, QString::number(n.port), n.dicomWebUrl};
        for (int c = 0; c < cells.size(); ++c)
            table_->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    table_->resizeColumnsToContents();
}

void PacsNodesPage::addNode(const PacsSettings::Node& node) {
    nodes_.append(node);
    refresh();
    table_->selectRow(int(nodes_.size()) - 1);
}

void PacsNodesPage::removeNode(int row) {
    if (row < 0 || row >= nodes_.size()) return;
    nodes_.removeAt(row);
    refresh();
}

void PacsNodesPage::editNode(int row) {
    if (row < 0 || row >= nodes_.size()) return;
    PacsNodeDialog dialog(nodes_[row], callingAe_->text().trimmed(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    nodes_[row] = dialog.node();
    refresh();
    table_->selectRow(row);
}

bool PacsNodesPage::verify(int row) {
    if (job_) return false;
    if (row < 0 || row >= nodes_.size()) {
        verifyResult_->setText(tr("Select a node to verify."));
        return false;
    }
    const PacsSettings::Node node = nodes_[row];
    DicomNode dicom = PacsSettings::dicomNode(node);
    dicom.callingAeTitle = callingAe_->text().trimmed().toStdString();
    const QString error = PacsSettings::validationError(node, callingAe_->text().trimmed());
    if (!error.isEmpty()) {
        verifyResult_->setText(error);
        emit verified(false, error);
        return false;
    }
    verifyResult_->setText(tr("Verifying %1…").arg(node.name));
    verifyButton_->setEnabled(false);
    auto ms = std::make_shared<double>(0);
    job_ = new BackgroundJob([dicom, ms](JobContext&) { *ms = PacsClient(dicom).echo(); }, this);
    connect(job_, &BackgroundJob::succeeded, this, [this, name = node.name, ms] {
        const QString text = tr("%1: C-ECHO succeeded in %2 ms.").arg(name).arg(*ms, 0, 'f', 0);
        verifyResult_->setText(text);
        emit verified(true, text);
    });
    connect(job_, &BackgroundJob::failed, this, [this](const QString& message) {
        verifyResult_->setText(message);
        emit verified(false, message);
    });
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
        verifyButton_->setEnabled(true);
    });
    job_->start();
    return true;
}

QString PacsNodesPage::apply() {
    const QString calling = callingAe_->text().trimmed();
    const std::string error = DicomNode::aeTitleError(calling.toStdString(), "Our calling AE title");
    if (!error.empty()) return QString::fromStdString(error);
    PacsSettings::setNodes(nodes_);
    PacsSettings::setCallingAeTitle(calling);
    PacsSettings::setMovePort(movePort_->value());
    return {};
}

}  // namespace cadview
