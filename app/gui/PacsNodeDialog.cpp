#include "PacsNodeDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace cadview {

PacsNodeDialog::PacsNodeDialog(const PacsSettings::Node& node, QString callingAeTitle, QWidget* parent)
    : QDialog(parent), callingAeTitle_(std::move(callingAeTitle)) {
    setWindowTitle(tr("DICOM node"));
    name_ = new QLineEdit(node.name, this);
    name_->setObjectName(QStringLiteral("nodeName"));
    aeTitle_ = new QLineEdit(node.aeTitle, this);
    aeTitle_->setObjectName(QStringLiteral("nodeAeTitle"));
    aeTitle_->setPlaceholderText(tr("e.g. ORTHANC"));
    host_ = new QLineEdit(node.host, this);
    host_->setObjectName(QStringLiteral("nodeHost"));
    port_ = new QSpinBox(this);
    port_->setObjectName(QStringLiteral("nodePort"));
    port_->setRange(1, 65535);
    port_->setValue(node.port);
    url_ = new QLineEdit(node.dicomWebUrl, this);
    url_->setObjectName(QStringLiteral("nodeDicomWebUrl"));
    url_->setPlaceholderText(tr("optional, e.g. http://pacs:8042/dicom-web"));
    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("nodeError"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #c0392b"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&AE title:"), aeTitle_);
    form->addRow(tr("&Host:"), host_);
    form->addRow(tr("&Port:"), port_);
    form->addRow(tr("DICOM&web URL:"), url_);
    form->addRow(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PacsNodeDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

PacsSettings::Node PacsNodeDialog::node() const {
    PacsSettings::Node n;
    n.name = name_->text().trimmed();
    n.aeTitle = aeTitle_->text().trimmed();
    n.host = host_->text().trimmed();
    n.port = port_->value();
    n.dicomWebUrl = url_->text().trimmed();
    return n;
}

void PacsNodeDialog::tryAccept() {
    const QString error = PacsSettings::validationError(node(), callingAeTitle_);
    error_->setText(error);
    if (error.isEmpty()) accept();
}

}  // namespace cadview
