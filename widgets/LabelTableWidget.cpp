#include "LabelTableWidget.h"

#include <QColorDialog>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <stdexcept>
#include <string>

#include "Session.h"
#include "io/AtomicFile.h"

namespace cadview {

namespace {
enum Column { ColourColumn, ValueColumn, NameColumn, VisibleColumn, LockColumn, ColumnCount };
}

LabelTableWidget::LabelTableWidget(Session* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setObjectName(QStringLiteral("labelTable"));
    table_->setHorizontalHeaderLabels({QString(), tr("Value"), tr("Name"), tr("Show"), tr("Lock")});
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c : {ColourColumn, ValueColumn, VisibleColumn, LockColumn})
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table_->setMinimumHeight(120);
    layout->addWidget(table_);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addLabel"));
    remove_ = new QPushButton(tr("Remove"), this);
    auto* colour = new QPushButton(tr("Colour…"), this);
    auto* load = new QPushButton(tr("Load…"), this);
    auto* save = new QPushButton(tr("Save…"), this);
    load->setToolTip(tr("Read an ITK-SNAP label description file"));
    save->setToolTip(tr("Write the labels as an ITK-SNAP label description file"));
    for (QPushButton* b : {add, remove_, colour, load, save})
        buttons->addWidget(b);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &LabelTableWidget::addLabel);
    connect(remove_, &QPushButton::clicked, this, &LabelTableWidget::removeLabel);
    connect(colour, &QPushButton::clicked, this, &LabelTableWidget::pickColour);
    connect(load, &QPushButton::clicked, this, &LabelTableWidget::loadTable);
    connect(save, &QPushButton::clicked, this, &LabelTableWidget::saveTable);
    connect(table_, &QTableWidget::cellChanged, this, &LabelTableWidget::onItemChanged);
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int, int column) {
        if (column == ColourColumn) pickColour();
    });
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        if (updating_) return;
        const int row = table_->currentRow();
        if (row >= 0) session_->setActiveLabel(valueAt(row));
    });
    connect(session_, &Session::labelTableChanged, this, &LabelTableWidget::refresh);
    refresh();
}

int LabelTableWidget::valueAt(int row) const {
    const QTableWidgetItem* item = table_->item(row, ValueColumn);
    return item ? item->data(Qt::UserRole).toInt() : 0;
}

void LabelTableWidget::refresh() {
    updating_ = true;
    const LabelMapDocument& doc = session_->labelDocument();
    const auto& entries = doc.table().entries();
    table_->setRowCount(int(entries.size()));
    int activeRow = -1;
    for (int row = 0; row < int(entries.size()); ++row) {
        const LabelEntry& e = entries[std::size_t(row)];
        auto* colour = new QTableWidgetItem;
        // A swatch icon, which stays visible when the row is selected (a background would not).
        QPixmap swatch(14, 14);
        swatch.fill(QColor(e.color[0], e.color[1], e.color[2]));
        colour->setData(Qt::DecorationRole, swatch);
        colour->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        auto* value = new QTableWidgetItem(QString::number(e.value));
        value->setData(Qt::UserRole, e.value);
        value->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        auto* name = new QTableWidgetItem(QString::fromStdString(e.name));
        auto* visible = new QTableWidgetItem;
        visible->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        visible->setCheckState(e.visible ? Qt::Checked : Qt::Unchecked);
        auto* lock = new QTableWidgetItem;
        lock->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        lock->setCheckState(e.locked ? Qt::Checked : Qt::Unchecked);
        table_->setItem(row, ColourColumn, colour);
        table_->setItem(row, ValueColumn, value);
        table_->setItem(row, NameColumn, name);
        table_->setItem(row, VisibleColumn, visible);
        table_->setItem(row, LockColumn, lock);
        if (e.value == doc.activeLabel()) activeRow = row;
    }
    if (activeRow >= 0) table_->selectRow(activeRow);
    remove_->setEnabled(entries.size() > 1);
    updating_ = false;
}

void LabelTableWidget::onItemChanged(int row, int column) {
    if (updating_) return;
    LabelTable table = session_->labelDocument().table();
    LabelEntry* e = table.find(valueAt(row));
    if (!e) return;
    const QTableWidgetItem* item = table_->item(row, column);
    if (column == NameColumn) {
        const QString name = item->text().trimmed();
        if (name.isEmpty()) {
            refresh();
            return;
        }
        e->name = name.toStdString();
    } else if (column == VisibleColumn) {
        e->visible = item->checkState() == Qt::Checked;
    } else if (column == LockColumn) {
        e->locked = item->checkState() == Qt::Checked;
    } else {
        return;
    }
    session_->setLabelTable(table);
}

void LabelTableWidget::addLabel() {
    LabelTable table = session_->labelDocument().table();
    const auto value = table.nextFreeValue();
    if (!value) return;
    table.set(
        {*value, tr("Label %1").arg(*value).toStdString(), LabelTable::paletteColor(*value), true, false});
    session_->setLabelTable(table);
    session_->setActiveLabel(*value);
}

void LabelTableWidget::removeLabel() {
    const int row = table_->currentRow();
    if (row < 0) return;
    const int value = valueAt(row);
    const auto answer = QMessageBox::question(
        this, tr("Remove label"),
        tr("Remove label %1 from the table? Voxels that hold it keep their value until you erase them.")
            .arg(value));
    if (answer != QMessageBox::Yes) return;
    LabelTable table = session_->labelDocument().table();
    table.remove(value);
    session_->setLabelTable(table);
}

void LabelTableWidget::pickColour() {
    const int row = table_->currentRow();
    if (row < 0) return;
    LabelTable table = session_->labelDocument().table();
    LabelEntry* e = table.find(valueAt(row));
    if (!e) return;
    const QColor chosen = QColorDialog::getColor(QColor(e->color[0], e->color[1], e->color[2]), this,
                                                 tr("Colour of %1").arg(QString::fromStdString(e->name)));
    if (!chosen.isValid()) return;
    e->color = {std::uint8_t(chosen.red()), std::uint8_t(chosen.green()), std::uint8_t(chosen.blue())};
    session_->setLabelTable(table);
}

void LabelTableWidget::loadTable() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load label descriptions"), QString(),
                                     tr("Label descriptions (*.txt *.label.txt);;All files (*)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Load label descriptions"),
                             tr("%1 cannot be read: %2").arg(path, file.errorString()));
        return;
    }
    try {
        LabelTable table = LabelTable::fromItkSnap(file.readAll().toStdString());
        if (table.empty()) throw std::runtime_error(tr("no labels in the file").toStdString());
        session_->setLabelTable(table);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Load label descriptions"),
                             tr("%1: %2").arg(path, QString::fromStdString(e.what())));
    }
}

void LabelTableWidget::saveTable() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save label descriptions"), QString(),
                                                      tr("Label descriptions (*.txt)"));
    if (path.isEmpty()) return;
    // Through the one atomic writer every output uses: never half-written, never through a link.
    const std::string target = path.toStdString();
    try {
        AtomicFile::write(target, session_->labelDocument().table().toItkSnap());
    } catch (const std::runtime_error& e) {
        std::string reason = e.what();  // "<target>: <why>"
        if (reason.rfind(target + ": ", 0) == 0) reason.erase(0, target.size() + 2);
        QMessageBox::warning(this, tr("Save label descriptions"),
                             tr("%1 cannot be written: %2").arg(path, QString::fromStdString(reason)));
    }
}

}  // namespace cadview
