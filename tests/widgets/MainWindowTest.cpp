// The main window on real data: a series loads in the background with a preview, odd geometry is
// announced on the banner, broken files give a message naming the file, and the window never freezes.
#include <QElapsedTimer>

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <cmath>

#include "MainWindow.h"
#include "Session.h"
#include "SliceView.h"
#include "StudyLoader.h"
#include "VtkHostWindow.h"

using namespace cadview;

namespace {
const QString kData = QStringLiteral(CADVIEW_TEST_DATA);
}

class MainWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("cadview-tests")); }

    void opensChestCtInHounsfieldUnits() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        QSignalSpy previews(w.session(), &Session::volumeChanged);
        w.openPaths({kData + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel")});
        QVERIFY(loaded.wait(60000));
        const auto& v = w.session()->volume();
        QVERIFY(v);
        QVERIFY(!w.session()->isPreview());
        QCOMPARE(int(v->geometry().size[2]), 64);
        // Air outside the patient is about -1000 HU; the file's window (W 1600, L -600) is applied.
        QVERIFY(v->valueAt(5, 5, 32) < -900);
        QCOMPARE(w.session()->window().center, -600.0);
        QCOMPARE(w.session()->window().width, 1600.0);
        QVERIFY2(previews.count() >= 2, "a preview slice was shown before the whole series");
        QVERIFY(!w.findChild<QLabel*>(QStringLiteral("geometryBanner"))->isVisible());
        // The axial view shows the middle slice; air outside the patient (about -1000 HU) is drawn at
        // (HU - (L - W/2)) / W of full scale in the lung window.
        SliceView* axial = w.sliceView(0);
        QCOMPARE(axial->sliceIndex(), 32);
        const QImage img = axial->grab();
        const double hu = v->valueAt(5, 60, 32);
        const int expected = int(std::lround((hu - (-600 - 800)) / 1600 * 255));
        const QPointF air =
            axial->widgetPositionOf(v->geometry().indexToPhysical({5, 60, 32})) * axial->devicePixelRatioF();
        const int actual = qRed(img.pixel(air.toPoint()));
        QVERIFY2(std::abs(actual - expected) <= 4,
                 qPrintable(QStringLiteral("%1 vs %2").arg(actual).arg(expected)));
    }

    void gantryTiltIsAnnouncedAndResampled() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        w.openPaths({kData + QStringLiteral("/ct_head_gantry_tilt/series")});
        QVERIFY(loaded.wait(60000));
        auto* banner = w.findChild<QLabel*>(QStringLiteral("geometryBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("18.5")), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("resampled")));
        QCOMPARE(int(w.session()->volume()->geometry().size[2]), 37);
    }

    void brokenFileGivesAMessageNamingIt() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy failed(w.loader(), &StudyLoader::failed);
        w.openPaths({kData + QStringLiteral("/dicom_samples/pydicom_debian/rtplan_truncated.dcm")});
        QVERIFY(failed.wait(30000));
        auto* messages = w.findChild<QListWidget*>(QStringLiteral("messages"));
        bool named = false;
        for (int i = 0; i < messages->count(); ++i)
            named = named || messages->item(i)->text().contains(QStringLiteral("rtplan_truncated.dcm"));
        QVERIFY2(named, "the messages panel names the broken file");
        QVERIFY(!w.session()->hasImage());
    }

    void brokenFilesInAFolderDoNotStopTheRest() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        w.openPaths({kData + QStringLiteral("/dicom_samples/pydicom_debian")});
        QVERIFY(loaded.wait(60000));
        QVERIFY(w.session()->hasImage());
        auto* messages = w.findChild<QListWidget*>(QStringLiteral("messages"));
        QVERIFY(messages->count() > 3);
    }

    void eventLoopKeepsAnsweringWhileLoading() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        // A 10 ms timer measures the longest gap the GUI thread leaves while a series loads.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(10);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        w.openPaths({kData + QStringLiteral("/mr_head_t1c/series")});
        clock.start();
        probe.start();
        QVERIFY(loaded.wait(60000));
        probe.stop();
        qInfo("longest event-loop gap while loading: %lld ms", worst);
        // First renders compile shaders on software GL (a few hundred ms); nothing may block for seconds.
        QVERIFY2(worst < 1500, qPrintable(QString::number(worst)));
    }
};

int main(int argc, char** argv) {
    VtkHostWindow::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    MainWindowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
