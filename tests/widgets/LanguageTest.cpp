// Korean in the real main window: the language comes from the preferences, the menus and the shortcut
// list are in Korean, a font with Hangul is there to draw them, and numbers and dates follow the Korean
// locale. The preferences dialog stores the choice that the next start uses.
#include <QApplication>
#include <QComboBox>
#include <QDate>
#include <QFontDatabase>
#include <QMenuBar>
#include <QRawFont>
#include <QTableWidget>
#include <QTest>

#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"
#include "UiLanguage.h"

using namespace cadview;

namespace {

bool hasHangul(const QString& s) {
    for (const QChar c : s)
        if (c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3) return true;
    return false;
}

class LanguageTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("cadview-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("LanguageTest"));
        UiLanguage::setConfigured({});
    }
    void cleanupTestCase() { UiLanguage::setConfigured({}); }

    void preferencesStoreTheLanguageTheNextStartUses() {
        QCOMPARE(UiLanguage::resolve(), QLocale::system().name());
        PreferencesDialog dialog;
        QComboBox* box = dialog.languageBox();
        QCOMPARE(box->count(), 3);
        box->setCurrentIndex(box->findData(QStringLiteral("ko")));
        dialog.apply();
        QCOMPARE(UiLanguage::configured(), QStringLiteral("ko"));
        QCOMPARE(UiLanguage::resolve(), QStringLiteral("ko"));
        QCOMPARE(UiLanguage::resolve(QStringLiteral("en")), QStringLiteral("en"));  // --lang wins
        PreferencesDialog again;                                                    // shows what is stored
        QCOMPARE(again.languageBox()->currentData().toString(), QStringLiteral("ko"));
    }

    void theWindowSpeaksKorean() {
        QVERIFY(UiLanguage::install(QStringLiteral("ko")));
        MainWindow w;
        QStringList titles;
        for (const QAction* a : w.menuBar()->actions())
            titles << a->text();
        QVERIFY2(titles.contains(QStringLiteral("파일(&F)")), qPrintable(titles.join(u',')));
        for (const QString& t : titles)
            QVERIFY2(hasHangul(t) || t == QStringLiteral("AI(&A)"), qPrintable(t));

        // The shortcut list is read from the menus, in Korean, and names what radiologists expect.
        QHash<QString, QString> byKeys;
        for (const auto& e : ShortcutsDialog::menuEntries(w.menuBar()))
            byKeys.insert(e.keys, e.command);
        QCOMPARE(byKeys.value(QKeySequence(QKeySequence::Close).toString(QKeySequence::NativeText)),
                 QStringLiteral("파일 › 닫기"));
        QCOMPARE(byKeys.value(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
                 QStringLiteral("파일 › 파일 열기"));
        QCOMPARE(byKeys.value(QStringLiteral("F1")), QStringLiteral("도움말 › 단축키 및 마우스"));
        QVERIFY(byKeys.value(QStringLiteral("Ctrl+Z")).startsWith(QStringLiteral("편집 › 실행 취소")));
        QVERIFY(byKeys.value(QStringLiteral("2")).startsWith(QStringLiteral("보기 › W/L 프리셋 › ")));
        ShortcutsDialog dialog(w.menuBar());
        QCOMPARE(dialog.table()->rowCount(), int(ShortcutsDialog::menuEntries(w.menuBar()).size() +
                                                 ShortcutsDialog::viewEntries().size()));
        QCOMPARE(dialog.table()->item(dialog.table()->rowCount() - 1, 1)->text(),
                 QStringLiteral("3D 화면 › 회전"));
    }

    void aHangulFontIsInstalled() {
        // Qt falls back to it for Hangul (Debian's fonts-noto-cjk, from scripts/install-deps.sh).
        QVERIFY(!QFontDatabase::families(QFontDatabase::Korean).isEmpty());
        const QRawFont raw = QRawFont::fromFont(QApplication::font(), QFontDatabase::Korean);
        QVERIFY(raw.isValid());
        QVERIFY(raw.supportsCharacter(QChar(0xD30C)));  // 파
    }

    void numbersAndDatesFollowTheLocale() {
        QVERIFY(UiLanguage::install(QStringLiteral("ko")));
        QCOMPARE(QLocale().language(), QLocale::Korean);
        QCOMPARE(QLocale().toString(QDate(2026, 11, 26), QLocale::LongFormat),
                 QStringLiteral("2026년 11월 26일 목요일"));
        QCOMPARE(QString(QStringLiteral("%L1")).arg(12345.5, 0, 'f', 1), QStringLiteral("12,345.5"));
        UiLanguage::install(QStringLiteral("en"));
        QCOMPARE(QLocale().language(), QLocale::English);
    }
};

}  // namespace

QTEST_MAIN(LanguageTest)
#include "LanguageTest.moc"
