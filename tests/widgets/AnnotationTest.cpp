// Annotation in a slice view driven by real mouse and key events: the brush paints exactly the voxels
// within its radius of the stroke, Ctrl+drag and the eraser remove them, undo restores the label map bit
// for bit and redo re-applies it, threshold painting leaves voxels outside the range untouched, polygon
// and flood fill, brush size keys, and the label colour on screen.
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTest>

#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

#include "AnnotationPanel.h"
#include "Session.h"
#include "SliceView.h"
#include "inference/ModelManifest.h"

using namespace cadview;

namespace {

constexpr std::size_t kX = 40, kY = 30, kZ = 20;

// 40 x 30 x 20 voxels of 1 mm; x < 20 holds 0 (think water), x >= 20 holds 300 (contrast).
std::shared_ptr<const Volume> makeVolume() {
    ImageGeometry g;
    g.size = {kX, kY, kZ};
    auto v = std::make_shared<Volume>(g, PixelType::Int16);
    auto* p = v->as<std::int16_t>();
    for (std::size_t i = 0; i < v->voxelCount(); ++i)
        p[i] = (i % kX) < 20 ? 0 : 300;
    v->info().modality = "CT";
    return v;
}

using Voxel = std::tuple<std::size_t, std::size_t, std::size_t>;

std::set<Voxel> voxelsWith(const Volume& labels, int value) {
    std::set<Voxel> out;
    for (std::size_t z = 0; z < kZ; ++z)
        for (std::size_t y = 0; y < kY; ++y)
            for (std::size_t x = 0; x < kX; ++x)
                if (int(labels.valueAt(x, y, z)) == value) out.insert({x, y, z});
    return out;
}

// Voxels of slice z within `radius` mm of one of the centres (x, y) - the union of the brush's disks.
std::set<Voxel> disks(const std::vector<std::pair<int, int>>& centres, double radius, std::size_t z) {
    std::set<Voxel> out;
    for (auto [cx, cy] : centres)
        for (int y = 0; y < int(kY); ++y)
            for (int x = 0; x < int(kX); ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius)
                    out.insert({std::size_t(x), std::size_t(y), z});
    return out;
}

std::vector<std::uint8_t> snapshot(const Session& s) {
    const auto labels = s.overlay();
    if (!labels) return {};
    return {labels->as<std::uint8_t>(), labels->as<std::uint8_t>() + labels->voxelCount()};
}

}  // namespace

class AnnotationTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<Session> session_;
    std::unique_ptr<SliceView> view_;
    static constexpr std::size_t kSlice = 7;

    // Widget position of a voxel centre on the view's slice.
    QPointF at(double x, double y) const {
        return view_->widgetPositionOf(
            session_->volume()->geometry().indexToPhysical({x, y, double(kSlice)}));
    }
    void send(QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
              Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QMouseEvent e(type, pos, view_->mapToGlobal(pos), button, buttons, modifiers);
        QApplication::sendEvent(view_.get(), &e);
    }
    // A left-button drag through the voxel centres `path` (press at the first, release at the last).
    void drag(const std::vector<std::pair<int, int>>& path,
              Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        send(QEvent::MouseButtonPress, at(path.front().first, path.front().second), Qt::LeftButton,
             Qt::LeftButton, modifiers);
        for (std::size_t i = 1; i < path.size(); ++i)
            send(QEvent::MouseMove, at(path[i].first, path[i].second), Qt::NoButton, Qt::LeftButton,
                 modifiers);
        send(QEvent::MouseButtonRelease, at(path.back().first, path.back().second), Qt::LeftButton,
             Qt::NoButton, modifiers);
    }
    void click(double x, double y) {
        send(QEvent::MouseButtonPress, at(x, y), Qt::LeftButton, Qt::LeftButton);
        send(QEvent::MouseButtonRelease, at(x, y), Qt::LeftButton, Qt::NoButton);
    }
    void key(int k, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(view_.get(), Qt::Key(k), modifiers);
    }
    void useTool(AnnotationTool::Kind kind, double radius = 2.1) {
        AnnotationTool t = session_->tool();
        t.kind = kind;
        t.brushRadiusMm = radius;
        session_->setTool(t);
    }
    static std::vector<std::pair<int, int>> column(int x, int y0, int y1) {
        std::vector<std::pair<int, int>> path;
        for (int y = y0; y <= y1; ++y)
            path.push_back({x, y});
        return path;
    }

  private slots:
    void init() {
        session_ = std::make_unique<Session>();
        view_ = std::make_unique<SliceView>(session_.get(), SliceOrientation::Axial);
        view_->resize(400, 400);
        view_->setCrosshairVisible(false);
        view_->setInterpolation(false);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        session_->setVolume(makeVolume());
        session_->setWindow({150, 400});  // centre 150, width 400
        session_->setCursor(session_->volume()->geometry().indexToPhysical({20, 15, double(kSlice)}));
        QCOMPARE(view_->sliceIndex(), int(kSlice));
    }

    void brushDragPaintsExactlyTheVoxelsWithinTheRadius() {
        useTool(AnnotationTool::Kind::Brush);
        const auto path = column(10, 10, 20);
        drag(path);
        QVERIFY(session_->overlay());
        const auto painted = voxelsWith(*session_->overlay(), 1);
        const auto expected = disks(path, 2.1, kSlice);
        QCOMPARE(expected.size(), std::size_t(63));  // 11 rows of 5, and 3 + 1 at each end
        QVERIFY(painted == expected);
        QCOMPARE(session_->labelDocument().history().size(), std::size_t(1));  // one stroke, one edit
    }

    void eraserAndCtrlDragRemoveWhatTheyCross() {
        useTool(AnnotationTool::Kind::Brush);
        const auto first = column(10, 10, 20);
        drag(first);
        // Ctrl + drag with the brush erases: a horizontal pass through row 15.
        const std::vector<std::pair<int, int>> across{{6, 15},  {7, 15},  {8, 15},  {9, 15}, {10, 15},
                                                      {11, 15}, {12, 15}, {13, 15}, {14, 15}};
        drag(across, Qt::ControlModifier);
        std::set<Voxel> expected;
        const auto erased = disks(across, 2.1, kSlice);
        for (const Voxel& v : disks(first, 2.1, kSlice))
            if (!erased.count(v)) expected.insert(v);
        QVERIFY(voxelsWith(*session_->overlay(), 1) == expected);
        // The eraser tool: the rest of the column.
        useTool(AnnotationTool::Kind::Eraser, 3.0);
        drag(column(10, 8, 22));
        QVERIFY(voxelsWith(*session_->overlay(), 1).empty());
    }

    void undoRestoresBitForBitAndRedoReapplies() {
        useTool(AnnotationTool::Kind::Brush);
        drag(column(10, 10, 20));
        const auto afterFirst = snapshot(*session_);
        session_->setActiveLabel(2);
        drag({{5, 5}, {15, 5}, {25, 5}, {30, 12}});
        const auto afterSecond = snapshot(*session_);
        QVERIFY(afterSecond != afterFirst);
        key(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(snapshot(*session_) == afterFirst);
        key(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(voxelsWith(*session_->overlay(), 1).empty());
        QVERIFY(voxelsWith(*session_->overlay(), 2).empty());
        key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(snapshot(*session_) == afterFirst);
        key(Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(snapshot(*session_) == afterSecond);
    }

    void thresholdPaintLeavesVoxelsOutsideTheRangeUntouched() {
        AnnotationTool t = session_->tool();
        t.kind = AnnotationTool::Kind::Brush;
        t.brushRadiusMm = 4.0;
        t.thresholdOn = true;
        t.low = 200;
        t.high = 400;
        session_->setTool(t);
        // A stroke across the boundary at x = 20: only the 300-valued side (x >= 20) may change.
        const std::vector<std::pair<int, int>> path{{14, 15}, {15, 15}, {16, 15}, {17, 15}, {18, 15},
                                                    {19, 15}, {20, 15}, {21, 15}, {22, 15}, {23, 15},
                                                    {24, 15}, {25, 15}, {26, 15}};
        drag(path);
        std::set<Voxel> expected;
        for (const Voxel& v : disks(path, 4.0, kSlice))
            if (std::get<0>(v) >= 20) expected.insert(v);
        const auto painted = voxelsWith(*session_->overlay(), 1);
        QVERIFY(!expected.empty());
        QVERIFY(painted == expected);
        for (const Voxel& v : painted)
            QVERIFY(session_->volume()->valueAt(std::get<0>(v), std::get<1>(v), std::get<2>(v)) == 300);
    }

    void lockedLabelsSurvivePainting() {
        useTool(AnnotationTool::Kind::Brush);
        drag(column(10, 10, 20));
        LabelTable table = session_->labelDocument().table();
        table.find(1)->locked = true;
        session_->setLabelTable(table);
        session_->setActiveLabel(3);
        drag({{6, 15}, {8, 15}, {10, 15}, {12, 15}, {14, 15}});
        QVERIFY(voxelsWith(*session_->overlay(), 1) == disks(column(10, 10, 20), 2.1, kSlice));
        QVERIFY(!voxelsWith(*session_->overlay(), 3).empty());
    }

    void polygonClicksFillThePixelCentresInside() {
        useTool(AnnotationTool::Kind::Polygon);
        // A rectangle with corners half a voxel outside columns 5..14 and rows 4..9.
        const QPointF corners[] = {at(4.5, 3.5), at(14.5, 3.5), at(14.5, 9.5), at(4.5, 9.5)};
        for (const QPointF& c : corners) {
            send(QEvent::MouseButtonPress, c, Qt::LeftButton, Qt::LeftButton);
            send(QEvent::MouseButtonRelease, c, Qt::LeftButton, Qt::NoButton);
        }
        QVERIFY(!session_->overlay());  // nothing until the polygon is closed
        key(Qt::Key_Return);
        std::set<Voxel> expected;
        for (std::size_t y = 4; y <= 9; ++y)
            for (std::size_t x = 5; x <= 14; ++x)
                expected.insert({x, y, kSlice});
        QVERIFY(voxelsWith(*session_->overlay(), 1) == expected);
        // Esc drops a polygon in progress.
        session_->setActiveLabel(2);
        click(20, 20);
        click(30, 20);
        click(30, 25);
        key(Qt::Key_Escape);
        key(Qt::Key_Return);
        QVERIFY(voxelsWith(*session_->overlay(), 2).empty());
    }

    void floodFillFollowsTheIntensityRange() {
        AnnotationTool t = session_->tool();
        t.kind = AnnotationTool::Kind::FloodFill;
        t.thresholdOn = true;
        t.low = 250;
        t.high = 350;
        session_->setTool(t);
        click(30, 10);
        std::set<Voxel> expected;
        for (std::size_t y = 0; y < kY; ++y)
            for (std::size_t x = 20; x < kX; ++x)
                expected.insert({x, y, kSlice});  // the slice's 300 half
        QVERIFY(voxelsWith(*session_->overlay(), 1) == expected);
        key(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(voxelsWith(*session_->overlay(), 1).empty());
    }

    void bracketsResizeTheBrush() {
        useTool(AnnotationTool::Kind::Brush, 4.0);
        key(Qt::Key_BracketRight);
        QCOMPARE(session_->tool().brushRadiusMm, 5.0);
        key(Qt::Key_BracketLeft);
        key(Qt::Key_BracketLeft);
        QCOMPARE(session_->tool().brushRadiusMm, 3.2);
    }

    void paintedLabelShowsInItsColour() {
        useTool(AnnotationTool::Kind::Brush, 3.0);
        drag(column(30, 5, 25));
        LabelTable table = session_->labelDocument().table();
        table.find(1)->color = {0, 0, 255};
        session_->setLabelTable(table);
        session_->setOverlayOpacity(1.0);
        const QImage img = view_->grab();
        const qreal dpr = img.devicePixelRatio();
        const QPointF inside = at(30, 15) * dpr, outside = at(24, 20) * dpr;
        const QRgb painted = img.pixel(inside.toPoint()), plain = img.pixel(outside.toPoint());
        QVERIFY2(qBlue(painted) > 240 && qRed(painted) < 15 && qGreen(painted) < 15,
                 qPrintable(QStringLiteral("label pixel %1").arg(painted, 0, 16)));
        // 300 HU in a 400/150 window: grey (300 - (150 - 200)) / 400 * 255 = 223.
        QVERIFY2(std::abs(qRed(plain) - 223) <= 2 && qRed(plain) == qBlue(plain),
                 qPrintable(QStringLiteral("image pixel %1").arg(plain, 0, 16)));
        // Hidden label: the image again.
        table.find(1)->visible = false;
        session_->setLabelTable(table);
        const QImage hidden = view_->grab();
        QCOMPARE(qRed(hidden.pixel(inside.toPoint())), qRed(plain));
    }

    void panelInterpolatesInTheBackgroundAndMeasures() {
        AnnotationPanel panel(session_.get());
        panel.show();
        useTool(AnnotationTool::Kind::Brush, 3.0);
        // Discs on slices 7 and 11 (the view's slice, then four slices up).
        drag({{10, 10}, {10, 11}});
        session_->setCursor(session_->volume()->geometry().indexToPhysical({20, 15, 11}));
        drag({{10, 12}, {10, 13}});
        QCOMPARE(view_->sliceIndex(), 11);
        QSignalSpy finished(&panel, &AnnotationPanel::operationFinished);
        panel.findChild<QPushButton*>(QStringLiteral("interpolate"))->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        const auto labels = session_->overlay();
        for (std::size_t z : {8, 9, 10}) {
            QCOMPARE(labels->valueAt(10, 11, z), 1.0);
            QCOMPARE(labels->valueAt(10, 12, z), 1.0);
        }
        QCOMPARE(labels->valueAt(10, 11, 6), 0.0);  // outside the drawn range: untouched
        QCOMPARE(labels->valueAt(10, 12, 12), 0.0);
        // One undo takes the whole interpolation back.
        QVERIFY(session_->undoLabels());
        for (std::size_t z : {8, 9, 10})
            QCOMPARE(voxelsWith(*session_->overlay(), 1).count({10, 11, z}), std::size_t(0));
        // Statistics of label 1: voxels on the 300 HU side are none, so every voxel is 0 HU.
        panel.findChild<QPushButton*>(QStringLiteral("labelStatistics"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.findChild<QLabel*>(QStringLiteral("statistics"))->text().isEmpty(),
                                 30000);
        const QString text = panel.findChild<QLabel*>(QStringLiteral("statistics"))->text();
        const std::size_t count = voxelsWith(*session_->overlay(), 1).size();
        QVERIFY2(text.contains(QStringLiteral("%1 voxels").arg(count)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("mean 0.0 HU")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1 ml").arg(count / 1000.0, 0, 'f', 2)), qPrintable(text));
        // For a look at the panel: CADVIEW_SNAPSHOT_DIR=/tmp/x AnnotationTest
        if (qEnvironmentVariableIsSet("CADVIEW_SNAPSHOT_DIR"))
            panel.grab().save(qEnvironmentVariable("CADVIEW_SNAPSHOT_DIR") +
                              QStringLiteral("/labels-panel.png"));
    }

    void acceptingOneAiLabelIsOneUndoableEdit() {
        auto mask = std::make_shared<Volume>(session_->volume()->geometry(), PixelType::UInt8);
        std::memset(mask->data(), 0, mask->bytes());
        for (std::size_t y = 0; y < 10; ++y)
            mask->as<std::uint8_t>()[(3 * kY + y) * kX + 5] = 1;
        for (std::size_t y = 0; y < 4; ++y)
            mask->as<std::uint8_t>()[(3 * kY + y) * kX + 9] = 2;
        InferenceResult result;
        result.modelName = "test";
        result.labels = mask;
        ModelManifest manifest;
        manifest.labels = {{1, "liver", {10, 200, 10}, 0.5}, {2, "spleen", {200, 10, 10}, 0.5}};
        QVERIFY(session_->setAiResult(result, manifest));
        session_->acceptAiMask(2);
        QCOMPARE(voxelsWith(*session_->overlay(), 2).size(), std::size_t(4));
        QVERIFY(voxelsWith(*session_->overlay(), 1).empty());
        QVERIFY(session_->aiMask());  // the liver is still a preview
        QCOMPARE(session_->labelDocument().table().find(2)->name, std::string("spleen"));
        session_->acceptAiMask();
        QCOMPARE(voxelsWith(*session_->overlay(), 1).size(), std::size_t(10));
        QVERIFY(!session_->aiMask());
        QVERIFY(session_->undoLabels());
        QVERIFY(voxelsWith(*session_->overlay(), 1).empty());
        QCOMPARE(voxelsWith(*session_->overlay(), 2).size(), std::size_t(4));
    }
};

QTEST_MAIN(AnnotationTest)
#include "AnnotationTest.moc"
