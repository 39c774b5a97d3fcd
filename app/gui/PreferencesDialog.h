#pragma once

#include <QDialog>

class QComboBox;

namespace cadview {

// Edit > Preferences: the interface language (English, Korean or the system's). The choice is kept in
// the settings and takes effect when cadview starts again.
class PreferencesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* languageBox() const { return language_; }
    // Stores the choices (what OK does).
    void apply();

  private:
    QComboBox* language_;
};

}  // namespace cadview
