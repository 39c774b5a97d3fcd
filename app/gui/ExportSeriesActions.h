#pragma once

#include <QObject>
#include <QString>

#include "io/SeriesExport.h"

class QMenu;
class QWidget;

namespace cadview {

class BackgroundJob;
class StudyLoader;

// File > Export Series: writes the open DICOM series into a folder, de-identified by default (DICOM
// PS3.15 basic profile: names, IDs, dates and UIDs replaced, UIDs consistently, pixels unchanged) or
// copied as it is. The dialog asks for the folder and the replacements; the files are written on a
// worker thread.
class ExportSeriesActions : public QObject {
    Q_OBJECT
  public:
    ExportSeriesActions(QWidget* window, StudyLoader* loader);

    void addTo(QMenu* menu);
    // Shows the dialog; false when the user cancels.
    bool ask(QString* folder, SeriesExport::Options* options);
    // Exports the open series in the background; `exported` or `exportFailed` follows.
    bool exportTo(const QString& folder, const SeriesExport::Options& options);
    bool busy() const { return job_ != nullptr; }

  signals:
    void exported(const QString& folder, int files);
    void exportFailed(const QString& message);

  private:
    QWidget* window_;
    StudyLoader* loader_;
    BackgroundJob* job_ = nullptr;
};

}  // namespace cadview
