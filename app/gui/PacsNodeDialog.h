#pragma once

#include <QDialog>

#include "PacsSettings.h"

class QLabel;
class QLineEdit;
class QSpinBox;

namespace cadview {

// Add or edit one DICOM node: name, AE title, host, port, optional DICOMweb URL. OK is refused, with the
// reason shown in the dialog, while the node does not validate (DicomNode::validate).
class PacsNodeDialog : public QDialog {
    Q_OBJECT
  public:
    PacsNodeDialog(const PacsSettings::Node& node, QString callingAeTitle, QWidget* parent = nullptr);

    PacsSettings::Node node() const;
    // Validates; accepts when the node is usable, else shows why and stays open.
    void tryAccept();

  private:
    QString callingAeTitle_;
    QLineEdit* name_;
    QLineEdit* aeTitle_;
    QLineEdit* host_;
    QSpinBox* port_;
    QLineEdit* url_;
    QLabel* error_;
};

}  // namespace cadview
