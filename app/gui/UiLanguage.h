#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace cadview {

// The interface language: English or Korean, chosen in Edit > Preferences (kept in QSettings as
// "ui/language"), overridden by --lang, otherwise the system's. Installing it loads Qt's own and
// cadview's translations and makes it the default QLocale, so numbers and dates follow it too.
class UiLanguage {
  public:
    // Language codes with their names as shown in the preferences; "" is the system's language.
    static QList<QPair<QString, QString>> choices();
    // What the preferences hold ("" when nothing was chosen).
    static QString configured();
    static void setConfigured(const QString& code);
    // `commandLine` if given, else the preference, else the system's locale name ("ko_KR", "en_US").
    static QString resolve(const QString& commandLine = {});
    // Installs the translations for `language` (translators live until the process ends); false when
    // cadview has no translation for it (English, or an unknown language).
    static bool install(const QString& language);
};

}  // namespace cadview
