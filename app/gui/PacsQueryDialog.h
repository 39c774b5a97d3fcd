#pragma once

#include <QDialog>
#include <QString>

#include <string>
#include <vector>

#include "pacs/DicomNode.h"
#include "pacs/QueryFilter.h"
#include "pacs/SeriesRecord.h"
#include "pacs/StudyRecord.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace cadview {

class BackgroundJob;

// File > Query PACS: picks a node from the settings, searches its studies (patient name with wildcards,
// patient ID, study dates, modality), lists the series of the selected study and retrieves the selected
// series (or the whole study) by C-GET, or C-MOVE, or DICOMweb when the node has a URL, into the local
// store, with per-image progress and Cancel. Every network call runs on a worker thread; errors are
// shown in the dialog. Non-modal.
class PacsQueryDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PacsQueryDialog(QWidget* parent = nullptr);

    // Re-reads the nodes from the settings (keeps the current choice when it is still there).
    void reloadNodes();

    QComboBox* nodeBox() const { return node_; }
    QLineEdit* patientNameEdit() const { return patientName_; }
    QLineEdit* patientIdEdit() const { return patientId_; }
    QLineEdit* dateFromEdit() const { return dateFrom_; }
    QLineEdit* dateToEdit() const { return dateTo_; }
    QComboBox* modalityBox() const { return modality_; }
    QCheckBox* moveBox() const { return move_; }
    QCheckBox* dicomWebBox() const { return dicomWeb_; }
    QTreeWidget* studyList() const { return studies_; }
    QTreeWidget* seriesList() const { return series_; }
    QLabel* statusLabel() const { return status_; }
    bool busy() const { return job_ != nullptr; }

    // Searches with the fields' values; `searched` or `failed` follows.
    bool search();
    // Lists the series of the study in `row`; `seriesListed` or `failed` follows.
    bool selectStudy(int row);
    // Retrieves the selected series, or the selected study when no series is selected; `retrieved`,
    // `failed` or `cancelled` follows.
    bool retrieve();
    void cancel();

  signals:
    void searched(int studies);
    void seriesListed(int series);
    void retrieveProgress(qint64 done, qint64 total);
    // `folder` holds what was retrieved; `seriesUid` is empty for a whole study.
    void retrieved(const QString& folder, const QString& seriesUid);
    void failed(const QString& message);
    void cancelled();

  private:
    // The chosen node as core/pacs takes it, and its DICOMweb URL when DICOMweb is chosen ("" for DIMSE).
    bool peerFromUi(DicomNode* node, std::string* url);
    bool run(BackgroundJob* job, const QString& activity);
    // DICOMweb is offered only for a node with a URL.
    void nodeChanged();
    void setBusy(bool busy);
    void showStudies();
    void showSeries();

    QComboBox* node_;
    QCheckBox* dicomWeb_;
    QLineEdit* patientName_;
    QLineEdit* patientId_;
    QLineEdit* dateFrom_;
    QLineEdit* dateTo_;
    QComboBox* modality_;
    QPushButton* searchButton_;
    QTreeWidget* studies_;
    QTreeWidget* series_;
    QCheckBox* move_;
    QPushButton* retrieveButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    QLabel* status_;
    BackgroundJob* job_ = nullptr;
    std::vector<StudyRecord> studyRecords_;
    std::vector<SeriesRecord> seriesRecords_;
};

}  // namespace cadview
