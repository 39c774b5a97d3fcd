#pragma once

#include <QDialog>

class QComboBox;
class QTabWidget;

namespace cadview {

class PacsNodesPage;

// Edit > Preferences: the interface language (English, Korean or the system's; takes effect when
// cadview starts again) and, on the "PACS" page, the DICOM nodes. Kept in the settings.
class PreferencesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* languageBox() const { return language_; }
    QTabWidget* tabs() const { return tabs_; }
    PacsNodesPage* pacsPage() const { return pacs_; }
    // Stores the choices (what OK does). False, with a message box, when a PACS setting is invalid.
    bool apply();

  private:
    QComboBox* language_;
    QTabWidget* tabs_;
    PacsNodesPage* pacs_;
};

}  // namespace cadview
