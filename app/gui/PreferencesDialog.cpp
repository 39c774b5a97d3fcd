#include "PreferencesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "PacsNodesPage.h"
#include "UiLanguage.h"

namespace cadview {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* general = new QWidget(this);
    language_ = new QComboBox(general);
    language_->setObjectName(QStringLiteral("language"));
    const QString current = UiLanguage::configured();
    for (const auto& [code, name] : UiLanguage::choices()) {
        language_->addItem(name, code);
        if (code == current) language_->setCurrentIndex(language_->count() - 1);
    }
    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), language_);
    auto* note = new QLabel(tr("A new language takes effect when cadview starts again."), general);
    note->setWordWrap(true);
    auto* generalLayout = new QVBoxLayout(general);
    generalLayout->addLayout(form);
    generalLayout->addWidget(note);
    generalLayout->addStretch();
    pacs_ = new PacsNodesPage(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(general, tr("General"));
    tabs_->addTab(pacs_, tr("PACS"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_);
    layout->addWidget(buttons);
}

bool PreferencesDialog::apply() {
    UiLanguage::setConfigured(language_->currentData().toString());
    const QString error = pacs_->apply();
    if (error.isEmpty()) return true;
    tabs_->setCurrentWidget(pacs_);
    QMessageBox::warning(this, tr("Preferences"), error);
    return false;
}

}  // namespace cadview
