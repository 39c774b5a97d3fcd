#pragma once

#include <QList>
#include <QWidget>

#include "PacsSettings.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace cadview {

class BackgroundJob;

// The "PACS" page of Edit > Preferences: the DICOM nodes (Add, Edit, Remove), a C-ECHO of the selected
// one in the background with its result (round trip, or the client's error), our calling AE title and
// the port of our C-MOVE storage SCP. apply() stores them in the settings.
class PacsNodesPage : public QWidget {
    Q_OBJECT
  public:
    explicit PacsNodesPage(QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QLabel* verifyResult() const { return verifyResult_; }
    QLineEdit* callingAeTitleEdit() const { return callingAe_; }
    QSpinBox* movePortBox() const { return movePort_; }
    const QList<PacsSettings::Node>& nodes() const { return nodes_; }

    void addNode(const PacsSettings::Node& node);
    void removeNode(int row);
    // C-ECHO of the node in `row` on a worker thread; `verified` follows.
    bool verify(int row);
    // Empty after storing the settings, or why they cannot be stored (a bad calling AE title).
    QString apply();

  signals:
    void verified(bool ok, const QString& text);

  private:
    void refresh();
    void editNode(int row);

    QList<PacsSettings::Node> nodes_;
    QTableWidget* table_;
    QPushButton* verifyButton_;
    QLabel* verifyResult_;
    QLineEdit* callingAe_;
    QSpinBox* movePort_;
    BackgroundJob* job_ = nullptr;
};

}  // namespace cadview
