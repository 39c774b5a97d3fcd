#pragma once

#include <QTreeWidget>

#include "io/StudyIndex.h"

namespace cadview {

// The series found in an opened folder, grouped patient > study > series, with description,
// modality, date and image count. Activating a series (double-click or Enter) asks for it to load.
class SeriesBrowser : public QTreeWidget {
    Q_OBJECT
  public:
    explicit SeriesBrowser(QWidget* parent = nullptr);

    void setIndex(const StudyIndex& index, bool hidePatientNames);
    void markCurrent(const QString& uid);
    int seriesCount() const { return int(uids_.size()); }

  signals:
    void seriesActivated(const QString& uid);

  private:
    std::vector<QString> uids_;
};

}  // namespace cadview
