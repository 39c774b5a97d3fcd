#include "UiLanguage.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace cadview {

namespace {
const QString kKey = QStringLiteral("ui/language");
}

QList<QPair<QString, QString>> UiLanguage::choices() {
    return {{QString(), QApplication::translate("UiLanguage", "System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("ko"), QStringLiteral("한국어")}};
}

QString UiLanguage::configured() {
    return QSettings().value(kKey).toString();
}

void UiLanguage::setConfigured(const QString& code) {
    QSettings settings;
    if (code.isEmpty())
        settings.remove(kKey);
    else
        settings.setValue(kKey, code);
}

QString UiLanguage::resolve(const QString& commandLine) {
    if (!commandLine.isEmpty()) return commandLine;
    const QString chosen = configured();
    return chosen.isEmpty() ? QLocale::system().name() : chosen;
}

bool UiLanguage::install(const QString& language) {
    const QLocale locale(language);
    QLocale::setDefault(locale);
    static QTranslator* qt = nullptr;
    static QTranslator* app = nullptr;
    for (QTranslator** t : {&qt, &app}) {
        if (*t) QApplication::removeTranslator(*t);
        delete *t;
        *t = new QTranslator;
    }
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    const bool ours =
        app->load(locale, QStringLiteral("cadview"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (ours) QApplication::installTranslator(app);
    return ours;
}

}  // namespace cadview
