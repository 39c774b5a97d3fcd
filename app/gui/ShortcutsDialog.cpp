#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cadview {

namespace {

QString plain(QString menuText) {
    menuText.remove(QRegularExpression(QStringLiteral("\\(&.\\)")));  // Korean style: "파일(&F)"
    menuText.remove(QLatin1Char('&'));
    if (menuText.endsWith(QStringLiteral("…"))) menuText.chop(1);
    return menuText.trimmed();
}

void collect(const QMenu* menu, const QString& path, QList<ShortcutsDialog::Entry>& out) {
    for (const QAction* a : menu->actions()) {
        if (a->isSeparator()) continue;
        const QString name = path + QStringLiteral(" › ") + plain(a->text());
        if (a->menu()) {
            collect(a->menu(), name, out);
            continue;
        }
        for (const QKeySequence& k : a->shortcuts())
            if (!k.isEmpty()) out.push_back({k.toString(QKeySequence::NativeText), name});
    }
}

}  // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::menuEntries(const QMenuBar* menus) {
    QList<Entry> out;
    for (const QAction* a : menus->actions())
        if (a->menu()) collect(a->menu(), plain(a->text()), out);
    return out;
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::viewEntries() {
    const QString views = tr("Slice views");
    return {
        {tr("Wheel, ↑ ↓, Page Up/Down"), views + QStringLiteral(" › ") + tr("Next or previous slice")},
        {tr("Home, End"), views + QStringLiteral(" › ") + tr("First or last slice")},
        {tr("Left drag"), views + QStringLiteral(" › ") + tr("Window and level (or the annotation tool)")},
        {tr("Left click"), views + QStringLiteral(" › ") + tr("Move the crosshair")},
        {tr("Right drag, Ctrl+wheel"), views + QStringLiteral(" › ") + tr("Zoom")},
        {tr("Middle drag, Shift+left drag"), views + QStringLiteral(" › ") + tr("Pan")},
        {QStringLiteral("R"), views + QStringLiteral(" › ") + tr("Reset zoom and pan")},
        {QStringLiteral("[ ]"), views + QStringLiteral(" › ") + tr("Smaller or larger brush")},
        {tr("Ctrl+left drag"), views + QStringLiteral(" › ") + tr("Erase with the brush")},
        {tr("Enter, double click / Esc"), views + QStringLiteral(" › ") + tr("Close the polygon / drop it")},
        {tr("Left drag"), tr("3D view") + QStringLiteral(" › ") + tr("Rotate")},
    };
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Keyboard Shortcuts and Mouse"));
    const QList<Entry> entries = menuEntries(menus) + viewEntries();
    table_ = new QTableWidget(int(entries.size()), 2, this);
    table_->setHorizontalHeaderLabels({tr("Keys"), tr("Command")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int r = 0; r < entries.size(); ++r) {
        table_->setItem(r, 0, new QTableWidgetItem(entries[r].keys));
        table_->setItem(r, 1, new QTableWidgetItem(entries[r].command));
    }
    table_->resizeColumnsToContents();
    table_->horizontalHeader()->setStretchLastSection(true);
    auto* filter = new QLineEdit(this);
    filter->setPlaceholderText(tr("Filter"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int r = 0; r < table_->rowCount(); ++r)
            table_->setRowHidden(r, !text.isEmpty() &&
                                        !table_->item(r, 0)->text().contains(text, Qt::CaseInsensitive) &&
                                        !table_->item(r, 1)->text().contains(text, Qt::CaseInsensitive));
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter);
    layout->addWidget(table_);
    layout->addWidget(buttons);
    resize(640, 560);
}

}  // namespace cadview
