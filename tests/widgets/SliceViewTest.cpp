// Rendered pixels of a known asymmetric volume prove the slice views' orientation (radiological:
// patient left on screen right, anterior/superior up), window/level, and the mouse and wheel gestures.
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>
#include <memory>

#include "Session.h"
#include "SliceView.h"
#include "VtkHostWindow.h"

using namespace cadview;

namespace {

// 40 x 30 x 20 voxels, 1 mm, value 100 everywhere but two 6x6x6 markers placed by patient direction:
// 1000 at the patient's left-anterior-superior corner, 500 at the right-posterior-inferior corner.
// `flipX` stores the x axis right-to-left in memory (direction -1), which must not change the picture.
std::shared_ptr<const Volume> makeMarkerVolume(bool flipX) {
    ImageGeometry g;
    g.size = {40, 30, 20};
    g.spacing = {1, 1, 1};
    if (flipX) {
        g.direction = {-1, 0, 0, 0, 1, 0, 0, 0, 1};
        g.origin = {39, 0, 0};
    }
    auto v = std::make_shared<Volume>(g, PixelType::Int16);
    auto* p = v->as<std::int16_t>();
    for (std::size_t i = 0; i < v->voxelCount(); ++i)
        p[i] = 100;
    auto put = [&](double lx, double py, double sz, std::int16_t value) {
        // (lx, py, sz): patient coordinates of the marker's first corner (L, P, S are positive).
        for (int dz = 0; dz < 6; ++dz)
            for (int dy = 0; dy < 6; ++dy)
                for (int dx = 0; dx < 6; ++dx) {
                    const Vec3 idx = g.physicalToIndex({lx + dx, py + dy, sz + dz});
                    const auto x = std::size_t(std::lround(idx[0])), y = std::size_t(std::lround(idx[1])),
                               z = std::size_t(std::lround(idx[2]));
                    p[(z * 30 + y) * 40 + x] = value;
                }
    };
    put(32, 2, 12, 1000);  // left (x high), anterior (y low), superior (z high)
    put(2, 22, 2, 500);    // right (x low), posterior (y high), inferior (z low)
    v->info().modality = "OT";
    return v;
}

struct Centroid {
    double x = -1, y = -1;
    int count = 0;
};

// Centre of the pixels whose grey value is within `tolerance` of `grey`.
Centroid centroidOf(const QImage& image, int grey, int tolerance = 3) {
    Centroid c;
    double sx = 0, sy = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb px = image.pixel(x, y);
            if (std::abs(qRed(px) - grey) <= tolerance && std::abs(qGreen(px) - grey) <= tolerance &&
                std::abs(qBlue(px) - grey) <= tolerance) {
                sx += x;
                sy += y;
                ++c.count;
            }
        }
    if (c.count > 0) {
        c.x = sx / c.count / image.width();
        c.y = sy / c.count / image.height();
    }
    return c;
}

}  // namespace

class SliceViewTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<Session> session_;
    std::unique_ptr<SliceView> view_;

    QImage render(SliceOrientation o, bool flipX, const Vec3& cursor) {
        session_ = std::make_unique<Session>();
        view_ = std::make_unique<SliceView>(session_.get(), o);
        view_->resize(400, 400);
        view_->setCrosshairVisible(false);
        view_->setInterpolation(false);
        view_->show();
        if (!QTest::qWaitForWindowExposed(view_.get())) return {};
        session_->setVolume(makeMarkerVolume(flipX));
        session_->setWindow({500, 1000});  // 0 -> black, 1000 -> white, 500 -> mid grey
        session_->setCursor(cursor);
        return view_->grab();
    }

  private slots:
    void axialShowsPatientLeftOnScreenRightAndAnteriorUp_data() {
        QTest::addColumn<bool>("flipX");
        QTest::newRow("x stored left-to-right") << false;
        QTest::newRow("x stored right-to-left") << true;
    }
    void axialShowsPatientLeftOnScreenRightAndAnteriorUp() {
        QFETCH(bool, flipX);
        const QImage img = render(SliceOrientation::Axial, flipX, {20, 15, 14});
        QVERIFY(!img.isNull());
        const Centroid white = centroidOf(img, 255);
        // A marker is 6 mm, about 60 x 60 screen pixels; corner text adds at most a few dozen grey pixels.
        QVERIFY2(white.count > 1000, "the left-anterior marker is on screen");
        QVERIFY2(white.x > 0.6, "patient left is on the screen's right");
        QVERIFY2(white.y < 0.4, "anterior is at the top");
        // The other marker lies on an inferior slice: not in this one.
        QVERIFY(centroidOf(img, 128, 2).count < 200);
        // The background voxels (100) map to 100/1000 of full scale: grey 25 or 26.
        const QRgb background = img.pixel(img.width() / 2, img.height() / 2);
        QVERIFY2(std::abs(qRed(background) - 25) <= 1, qPrintable(QString::number(qRed(background))));
    }

    void axialInferiorSliceShowsRightPosteriorMarker() {
        const QImage img = render(SliceOrientation::Axial, false, {20, 15, 4});
        const Centroid grey = centroidOf(img, 128, 2);
        QVERIFY(grey.count > 1000);
        QVERIFY2(grey.x < 0.4, "patient right is on the screen's left");
        QVERIFY2(grey.y > 0.6, "posterior is at the bottom");
    }

    void coronalShowsLeftOnRightAndSuperiorUp() {
        const QImage img = render(SliceOrientation::Coronal, false, {20, 4, 10});
        const Centroid white = centroidOf(img, 255);
        QVERIFY(white.count > 1000);
        QVERIFY2(white.x > 0.6, "patient left is on the screen's right");
        QVERIFY2(white.y < 0.5, "superior is up");
    }

    void sagittalShowsAnteriorOnLeftAndSuperiorUp() {
        const QImage img = render(SliceOrientation::Sagittal, false, {34, 15, 10});
        const Centroid white = centroidOf(img, 255);
        QVERIFY(white.count > 1000);
        QVERIFY2(white.x < 0.4, "anterior is on the screen's left");
        QVERIFY2(white.y < 0.5, "superior is up");
    }

    void windowLevelMapsValuesToGrey() {
        QImage img = render(SliceOrientation::Axial, false, {20, 15, 14});
        const QPointF marker = view_->widgetPositionOf({34.5, 4.5, 14}) * view_->devicePixelRatioF();
        QCOMPARE(qRed(img.pixel(marker.toPoint())), 255);
        // Narrow window centred on the marker value: 1000 becomes mid grey, background black.
        session_->setWindow({1000, 200});
        img = view_->grab();
        QVERIFY(std::abs(qRed(img.pixel(marker.toPoint())) - 128) <= 1);
        QCOMPARE(qRed(img.pixel(img.width() / 2, img.height() / 2)), 0);
    }

    void leftDragChangesTheWindow() {
        render(SliceOrientation::Axial, false, {20, 15, 14});
        const WindowLevel before = session_->window();
        const QPoint start(100, 200), end(300, 260);
        QTest::mousePress(view_.get(), Qt::LeftButton, Qt::NoModifier, start);
        for (int i = 1; i <= 10; ++i) {
            const QPoint p = start + (end - start) * i / 10;
            QMouseEvent move(QEvent::MouseMove, p, view_->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(view_.get(), &move);
        }
        QTest::mouseRelease(view_.get(), Qt::LeftButton, Qt::NoModifier, end);
        const WindowLevel after = session_->window();
        QVERIFY2(after.width > before.width + 100, "dragging right widens the window");
        QVERIFY2(after.center > before.center + 30, "dragging down raises the level");
        QVERIFY(std::abs(session_->cursor()[2] - 14) < 1e-9);  // a drag is not a click
    }

    void wheelAndKeysScrollSlices() {
        render(SliceOrientation::Axial, false, {20, 15, 10});
        QCOMPARE(view_->sliceIndex(), 10);
        const QPointF pos(200, 200);
        QWheelEvent wheel(pos, view_->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view_.get(), &wheel);
        QCOMPARE(view_->sliceIndex(), 11);
        QTest::keyClick(view_.get(), Qt::Key_Down);
        QTest::keyClick(view_.get(), Qt::Key_Down);
        QCOMPARE(view_->sliceIndex(), 9);
        QTest::keyClick(view_.get(), Qt::Key_End);
        QCOMPARE(view_->sliceIndex(), 19);
        // The slice on screen changed too: slice 19 is above the white marker (z 12..17).
        QVERIFY(centroidOf(view_->grab(), 255).count < 200);
        QTest::keyClick(view_.get(), Qt::Key_PageDown);
        QCOMPARE(view_->sliceIndex(), 9);
    }

    // A narrow view: the corner texts are elided beside the orientation letters instead of running over
    // them. No light-grey text pixel may lie in the columns of the top and bottom letters (the image is
    // letterboxed, so those bands are black but for the overlay; the letters themselves are yellow).
    void narrowViewKeepsCornerTextOffTheOrientationLetters() {
        session_ = std::make_unique<Session>();
        view_ = std::make_unique<SliceView>(session_.get(), SliceOrientation::Axial);
        view_->resize(150, 400);
        view_->setCrosshairVisible(false);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        auto v = std::make_shared<Volume>(*makeMarkerVolume(false));
        v->info().patientName = "Doe^Jane Alexandra";
        v->info().seriesDescription = "A long series description for a narrow view";
        session_->setVolume(v);
        session_->setWindow({500, 1000});  // "W 1,000  L 500"
        session_->setCursor({20, 15, 14});
        const QImage img = view_->grab();
        const double dpr = img.devicePixelRatio();
        const int cx = img.width() / 2, half = int(8 * dpr), band = int(45 * dpr);
        int textPixels = 0, letterPixels = 0;
        for (const auto& [top, bottom] : {std::pair{0, band}, std::pair{img.height() - band, img.height()}})
            for (int y = top; y < bottom; ++y)
                for (int x = cx - half; x <= cx + half; ++x) {
                    const QRgb p = img.pixel(x, y);
                    if (qRed(p) >= 120 && qBlue(p) >= 120 && std::abs(qRed(p) - qBlue(p)) < 25) ++textPixels;
                    if (qRed(p) >= 200 && qBlue(p) < 120) ++letterPixels;
                }
        QVERIFY2(letterPixels > 20, "the orientation letters are drawn");
        QVERIFY2(textPixels == 0,
                 qPrintable(QStringLiteral("%1 grey text pixels over the letters").arg(textPixels)));
    }

    void clickMovesTheLinkedCursor() {
        render(SliceOrientation::Axial, false, {20, 15, 14});
        SliceView coronal(session_.get(), SliceOrientation::Coronal);
        coronal.resize(300, 300);
        coronal.show();
        QVERIFY(QTest::qWaitForWindowExposed(&coronal));
        const QPointF target = view_->widgetPositionOf({30, 5, 14});
        QTest::mouseClick(view_.get(), Qt::LeftButton, Qt::NoModifier, target.toPoint());
        const Vec3 c = session_->cursor();
        QVERIFY2(std::abs(c[0] - 30) < 1.0 && std::abs(c[1] - 5) < 1.0, "cursor follows the click");
        QCOMPARE(c[2], 14.0);
        QCOMPARE(coronal.sliceIndex(), int(std::lround(c[1])));
    }
};

int main(int argc, char** argv) {
    VtkHostWindow::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    SliceViewTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "SliceViewTest.moc"
