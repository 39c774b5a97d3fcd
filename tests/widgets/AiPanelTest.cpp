// Models in the viewer, with the generated test models (tests/models/make_test_models.py): a run happens
// off the GUI thread, its segmentation arrives as a preview drawn in the model's colours on the rendered
// slice, Accept puts it into the label map, and a classifier's findings come with heatmaps.
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>

#include "ModelController.h"
#include "ModelPanel.h"
#include "Session.h"
#include "SliceView.h"
#include "VtkHostWindow.h"

using namespace cadview;

namespace {

const QString kModels = QStringLiteral(CADVIEW_TEST_MODELS);

// 64 x 64 x 4 CT-like volume: 0 everywhere, 255 in the right half of every slice.
std::shared_ptr<const Volume> halfBright() {
    ImageGeometry g;
    g.size = {64, 64, 4};
    auto v = std::make_shared<Volume>(g, PixelType::Int16);
    for (std::size_t z = 0; z < 4; ++z)
        for (std::size_t y = 0; y < 64; ++y)
            for (std::size_t x = 0; x < 64; ++x)
                v->as<std::int16_t>()[(z * 64 + y) * 64 + x] = x >= 32 ? 255 : 0;
    v->info().modality = "CT";
    return v;
}

}  // namespace

class AiPanelTest : public QObject {
    Q_OBJECT

  private slots:
    void segmentationPreviewIsDrawnAndAccepted() {
        Session session;
        ModelController controller(&session);
        controller.setUserDirectories({kModels});
        ModelPanel panel(&session, &controller);
        SliceView view(&session, SliceOrientation::Axial);
        view.resize(256, 256);
        view.setInterpolation(false);
        view.setCrosshairVisible(false);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        session.setVolume(halfBright());
        session.setWindow({127.5, 255});
        QTest::qWait(500);  // the view's first render (shader compilation) is not the model's doing

        // The event loop keeps answering while the model runs on its worker thread.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        QSignalSpy finished(&controller, &ModelController::finished);
        QSignalSpy failed(&controller, &ModelController::failed);
        clock.start();
        probe.start();
        controller.run(QStringLiteral("test-seg2d-size"));
        QVERIFY2(finished.wait(60000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        probe.stop();
        qInfo("longest event-loop gap while the model ran: %lld ms", worst);
        QVERIFY2(worst < 100,
                 qPrintable(QString::number(worst)));  // the goal is 50 ms; CI machines are noisy

        const auto mask = session.aiMask();
        QVERIFY(mask);
        QCOMPARE(mask->geometry().size, session.volume()->geometry().size);
        QCOMPARE(mask->valueAt(10, 20, 1), 0.0);  // dark half
        QCOMPARE(mask->valueAt(50, 20, 1), 1.0);  // bright half: the model's label 1
        QVERIFY(panel.findChild<QListWidget*>(QStringLiteral("maskLabels"))->count() == 1);

        // Drawn at the preview opacity (0.45) in the model's colour #3fa7ff over white.
        const QImage img = view.grab();
        const QPointF p =
            view.widgetPositionOf({50, 20, double(view.sliceIndex())}) * view.devicePixelRatio();
        const QRgb px = img.pixel(p.toPoint());
        const int alpha = int(std::lround(0.45 * 256));
        QVERIFY(std::abs(qRed(px) - ((255 * (256 - alpha) + 0x3f * alpha) >> 8)) <= 2);
        QVERIFY(std::abs(qBlue(px) - ((255 * (256 - alpha) + 0xff * alpha) >> 8)) <= 2);

        panel.findChild<QPushButton*>(QStringLiteral("acceptMask"))->click();
        QVERIFY(!session.aiMask());
        QVERIFY(session.overlay());
        QCOMPARE(session.overlay()->valueAt(50, 20, 1), 1.0);
        QCOMPARE(session.overlay()->valueAt(10, 20, 1), 0.0);
    }

    // The preview is compared with the label map (a ground truth here, marked 255) as soon as both exist,
    // and again whenever the label map changes. Model: x >= 32 (32 of 64 columns); truth: x >= 40 (24
    // columns): Dice = 2 * 24 / (32 + 24) = 0.857.
    void diceAgainstTheLabelMapIsLive() {
        Session session;
        ModelController controller(&session);
        controller.setUserDirectories({kModels});
        ModelPanel panel(&session, &controller);
        session.setVolume(halfBright());
        const auto truthFrom = [&](std::size_t x0) {
            auto t = std::make_shared<Volume>(session.volume()->geometry(), PixelType::UInt8);
            for (std::size_t i = 0; i < t->voxelCount(); ++i)
                t->as<std::uint8_t>()[i] = i % 64 >= x0 ? 255 : 0;
            return t;
        };
        QVERIFY(session.setOverlay(truthFrom(40)));
        QSignalSpy finished(&controller, &ModelController::finished);
        controller.run(QStringLiteral("test-seg2d-size"));
        QVERIFY(finished.wait(60000));
        auto* agreement = panel.findChild<QLabel*>(QStringLiteral("agreement"));
        QVERIFY(agreement);
        QVERIFY2(agreement->text().contains(QStringLiteral("bright 0.857")), qPrintable(agreement->text()));
        QVERIFY(session.setOverlay(truthFrom(32)));
        QVERIFY2(agreement->text().contains(QStringLiteral("bright 1.000")), qPrintable(agreement->text()));
        session.clearOverlay();
        QVERIFY2(agreement->text().contains(QStringLiteral("ground-truth")), qPrintable(agreement->text()));
    }

    void classifierFindingsComeWithHeatmaps() {
        Session session;
        ModelController controller(&session);
        controller.setUserDirectories({kModels});
        ModelPanel panel(&session, &controller);
        session.setVolume(halfBright());
        QSignalSpy finished(&controller, &ModelController::finished);
        controller.run(QStringLiteral("test-cls-gradcam"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(int(session.findings().size()), 2);
        QVERIFY(session.activeHeatmap() >= 0);
        QVERIFY(session.heatmap());
        QCOMPARE(session.heatmap()->geometry().size[0], std::size_t(64));
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("findings"));
        QCOMPARE(list->count(), 2);
        // Clicking the shown finding hides its heatmap.
        const int shown = session.activeHeatmap();
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toInt() == shown) emit list->itemClicked(list->item(i));
        QCOMPARE(session.activeHeatmap(), -1);
    }

    void aMissingModelIsAPlainMessage() {
        Session session;
        ModelController controller(&session);
        session.setVolume(halfBright());
        QSignalSpy failed(&controller, &ModelController::failed);
        controller.run(QStringLiteral("no-such-model"));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("no model named")));
    }
};

int main(int argc, char** argv) {
    VtkHostWindow::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    AiPanelTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "AiPanelTest.moc"
