#pragma once

#include <QWidget>

class QTableWidget;
class QPushButton;

namespace cadview {

class Session;

// The label table of the open label map: one row per label (colour, value, name, visible, locked). The
// selected row is the label that paint uses. Names are edited in place; Add, Remove and Colour… change
// the table; Load… and Save… read and write ITK-SNAP label description files.
class LabelTableWidget : public QWidget {
    Q_OBJECT
  public:
    explicit LabelTableWidget(Session* session, QWidget* parent = nullptr);

  private:
    void refresh();
    void onItemChanged(int row, int column);
    void addLabel();
    void removeLabel();
    void pickColour();
    void loadTable();
    void saveTable();
    int valueAt(int row) const;

    Session* session_;
    QTableWidget* table_;
    QPushButton* remove_;
    bool updating_ = false;
};

}  // namespace cadview
