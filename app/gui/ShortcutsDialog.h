#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QMenuBar;
class QTableWidget;

namespace cadview {

// Help > Keyboard Shortcuts: every menu command that has a shortcut (read from the menus, so the list
// never goes stale), then the mouse and keys of the slice and 3D views, in the interface language.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
  public:
    struct Entry {
        QString keys;     // "Ctrl+W", in the platform's native text
        QString command;  // "File › Close"
    };

    ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);

    // The menu commands with shortcuts, in menu order.
    static QList<Entry> menuEntries(const QMenuBar* menus);
    // Mouse and keys inside the views.
    static QList<Entry> viewEntries();

    QTableWidget* table() const { return table_; }

  private:
    QTableWidget* table_;
};

}  // namespace cadview
