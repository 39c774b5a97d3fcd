// cadview-bench-annotation: the annotation figures on a 512 x 512 x 300 CT-sized volume, each next to
// its goal and, where one exists, the simple way of doing the same thing, measured in the same run:
//   one brush dab including the screen update (press or drag event -> frame on screen): goal < 16 ms;
//   accepting a full-volume AI mask into the label map: goal < 100 ms; peer: a full copy of the label
//     map for undo plus a per-voxel merge (snapshot undo, the simple editor's way);
//   the undo history of 100 brush strokes: goal < 5% of the label map; peer: one snapshot per stroke;
//   slice interpolation and 3D region growing on the same volume (no goal; for the record).
// Needs an X display (xvfb-run); the figures are for software OpenGL (Mesa llvmpipe).
#include <CLI/CLI.hpp>

#include <QApplication>
#include <QMouseEvent>
#include <QOpenGLWindow>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <cstring>
#include <iostream>
#include <random>

#include "BenchStats.h"
#include "Session.h"
#include "SliceView.h"
#include "Table.h"
#include "annotation/Brush.h"
#include "annotation/LabelMapDocument.h"
#include "annotation/RegionGrow.h"
#include "annotation/SliceInterpolation.h"

using namespace cadview;
using namespace cadview::bench;

namespace {

constexpr std::size_t kNx = 512, kNy = 512, kNz = 300;

// A CT-like volume: air outside an elliptic body of soft tissue (40 HU) with a spine-like bone rod.
std::shared_ptr<Volume> makeCt() {
    ImageGeometry g;
    g.size = {kNx, kNy, kNz};
    g.spacing = {0.7, 0.7, 1.0};
    auto v = std::make_shared<Volume>(g, PixelType::Int16);
    auto* p = v->as<std::int16_t>();
    for (std::size_t z = 0; z < kNz; ++z)
        for (std::size_t y = 0; y < kNy; ++y)
            for (std::size_t x = 0; x < kNx; ++x) {
                const double ex = (double(x) - 256) / 220, ey = (double(y) - 256) / 160;
                const double bx = double(x) - 256, by = double(y) - 350;
                std::int16_t hu = ex * ex + ey * ey < 1 ? 40 : -1000;
                if (bx * bx + by * by < 400) hu = 700;
                p[(z * kNy + y) * kNx + x] = hu;
            }
    v->info().modality = "CT";
    return v;
}

// An AI mask of the kind a segmentation model returns: an ellipsoid organ (label 1) and a smaller one
// (label 2), about 8% of the voxels.
std::shared_ptr<Volume> makeMask(const ImageGeometry& g) {
    auto m = std::make_shared<Volume>(g, PixelType::UInt8);
    auto* p = m->as<std::uint8_t>();
    for (std::size_t z = 0; z < kNz; ++z)
        for (std::size_t y = 0; y < kNy; ++y)
            for (std::size_t x = 0; x < kNx; ++x) {
                const double a = (double(x) - 200) / 110, b = (double(y) - 230) / 90,
                             c = (double(z) - 150) / 120;
                const double d = (double(x) - 340) / 50, e = (double(y) - 220) / 50,
                             f = (double(z) - 140) / 60;
                p[(z * kNy + y) * kNx + x] =
                    a * a + b * b + c * c < 1 ? 1 : (d * d + e * e + f * f < 1 ? 2 : 0);
            }
    return m;
}

struct DabFigures {
    Samples press;   // a click: one dab, then the frame
    Samples drag;    // a mouse move during a stroke: a line of dabs, then the frame
    Samples step;    // the peer in the same view: a wheel step to the next slice, then the frame
    Samples render;  // VTK's part of a dab's frame
    Samples paint;   // the whole paint of a dab's frame (render, blit, text)
};

DabFigures brushDabs(const std::shared_ptr<Volume>& ct, int count) {
    DabFigures f;
    Session session;
    SliceView view(&session, SliceOrientation::Axial);
    view.resize(512, 512);  // as the scroll figure in the README
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return f;
    session.setVolume(ct);
    session.setWindowPreset(QStringLiteral("abdomen"));
    AnnotationTool tool;
    tool.kind = AnnotationTool::Kind::Brush;
    tool.brushRadiusMm = 5.0;
    session.setTool(tool);
    QTest::qWait(500);  // the first frames compile shaders: not part of painting
    auto send = [&](QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, view.mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(&view, &e);
    };
    std::mt19937 random(3);
    std::uniform_real_distribution<double> where(150, 550);
    for (int i = 0; i < count; ++i) {
        const QPointF start(where(random), where(random));
        {
            QSignalSpy shown(&view, &QOpenGLWindow::frameSwapped);
            Stopwatch w;
            send(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
            if (shown.wait(2000)) f.press.add(w.seconds());
        }
        for (int k = 1; k <= 3; ++k) {
            QSignalSpy shown(&view, &QOpenGLWindow::frameSwapped);
            Stopwatch w;
            send(QEvent::MouseMove, start + QPointF(6.0 * k, 4.0 * k), Qt::NoButton, Qt::LeftButton);
            if (shown.wait(2000)) {
                f.drag.add(w.seconds());
                f.render.add(view.lastRenderMilliseconds() / 1000);
                f.paint.add(view.lastPaintMilliseconds() / 1000);
            }
        }
        send(QEvent::MouseButtonRelease, start + QPointF(18, 12), Qt::LeftButton, Qt::NoButton);
        QTest::qWait(5);
        {
            QSignalSpy shown(&view, &QOpenGLWindow::frameSwapped);
            Stopwatch w;
            view.step(1, true);
            if (shown.wait(2000)) f.step.add(w.seconds());
        }
    }
    return f;
}

// Snapshot undo: keep a copy of the whole label map, then merge voxel by voxel.
double snapshotAccept(const Volume& mask, Volume& labels, std::vector<std::uint8_t>& undoCopy) {
    Stopwatch w;
    undoCopy.assign(labels.as<std::uint8_t>(), labels.as<std::uint8_t>() + labels.voxelCount());
    const auto* m = mask.as<std::uint8_t>();
    auto* l = labels.as<std::uint8_t>();
    for (std::size_t i = 0, n = labels.voxelCount(); i < n; ++i)
        if (m[i] != 0) l[i] = m[i];
    return w.seconds();
}

std::string percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", fraction * 100);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    CLI::App cli{"cadview-bench-annotation: brush, accept and undo figures on 512 x 512 x 300"};
    int dabs = 40, repeats = 7;
    cli.add_option("--dabs", dabs, "Brush dabs (each with three drag moves)")->capture_default_str();
    cli.add_option("--repeats", repeats, "Repeats of the whole-volume operations")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);

    std::cout << "Making a 512 x 512 x 300 volume and AI mask...\n";
    const auto ct = makeCt();
    const auto mask = makeMask(ct->geometry());
    Table table({"figure (median)", "cadview", "peer / goal", "result"});

    const DabFigures dab = brushDabs(ct, dabs);
    const std::string step = formatMs(dab.step.median()) + " wheel step; goal < 16 ms";
    table.addRow({"brush dab, click -> frame on screen", formatMs(dab.press.median()), step,
                  dab.press.median() < 0.016 ? "met" : "MISSED"});
    table.addRow({"brush drag move -> frame on screen", formatMs(dab.drag.median()), step,
                  dab.drag.median() < 0.016 ? "met" : "MISSED"});
    table.addRow({"  of which painting (VTK render)",
                  formatMs(dab.paint.median()) + " (" + formatMs(dab.render.median()) + ")", "", ""});

    Samples ours, peer;
    std::size_t changed = 0;
    std::size_t undoBytes = 0;
    for (int r = 0; r < repeats; ++r) {
        LabelMapDocument doc;
        doc.reset(ct->geometry());
        doc.ensureLabels();
        std::array<bool, 256> accept{};
        accept.fill(true);
        Stopwatch w;
        changed = doc.acceptMask(*mask, accept);
        ours.add(w.seconds());
        undoBytes = doc.history().bytes();
        Volume labels(ct->geometry(), PixelType::UInt8);
        std::memset(labels.data(), 0, labels.bytes());
        std::vector<std::uint8_t> undo;
        peer.add(snapshotAccept(*mask, labels, undo));
    }
    table.addRow({"accept a full-volume AI mask", formatMs(ours.median()),
                  formatMs(peer.median()) + " snapshot; goal < 100 ms",
                  ours.median() < 0.1 ? "met" : "MISSED"});
    table.addRow({"  its undo record", formatMiB(double(undoBytes)),
                  formatMiB(double(ct->voxelCount())) + " snapshot", std::to_string(changed) + " voxels"});

    // 100 strokes of 12 segments with a 5 mm brush, each one undoable edit.
    {
        LabelMapDocument doc;
        doc.reset(ct->geometry());
        std::mt19937 random(11);
        std::uniform_real_distribution<double> c(40, 470);
        for (int s = 0; s < 100; ++s) {
            LabelEditRecorder& rec = doc.beginStroke();
            PaintRule rule;
            rule.value = std::uint8_t(1 + s % 3);
            const double z = double(random() % kNz);
            Vec3 from{c(random), c(random), z};
            for (int k = 0; k < 12; ++k) {
                const Vec3 to{c(random), c(random), z};
                Brush::line(rec, from, to, {5.0, false, 2}, rule);
                from = to;
            }
            doc.endStroke("stroke");
        }
        const double fraction = double(doc.history().bytes()) / double(doc.labels()->bytes());
        table.addRow({"undo history of 100 brush strokes",
                      formatMiB(double(doc.history().bytes())) + " = " + percent(fraction),
                      formatMiB(100.0 * double(doc.labels()->bytes())) + " snapshots; goal < 5%",
                      fraction < 0.05 ? "met" : "MISSED"});

        Samples interpolation;
        for (int r = 0; r < 3; ++r) {
            LabelMapDocument d2;
            d2.reset(ct->geometry());
            Volume& labels = d2.ensureLabels();
            LabelEditRecorder& rec = d2.beginStroke();
            for (std::size_t z = 20; z < 280; z += 20)
                Brush::dab(rec, {256, 256, double(z)}, {20.0 + double(z) / 10, false, 2}, PaintRule{});
            d2.endStroke("discs");
            JobContext job;
            Stopwatch w;
            const LabelEdit edit = SliceInterpolation::interpolate(labels, PaintRule{}, 2, &job);
            interpolation.add(w.seconds());
        }
        table.addRow({"interpolate 13 drawn slices through 300", formatMs(interpolation.median()), "-", ""});

        Samples grow;
        for (int r = 0; r < 3; ++r) {
            LabelMapDocument d3;
            d3.reset(ct->geometry());
            RegionGrow::Options options;
            options.image = ct.get();
            options.low = 0;
            options.high = 100;  // the soft-tissue body: about 40% of the volume
            Stopwatch w;
            RegionGrow::grow(d3.ensureLabels(), {256, 256, 150}, options, PaintRule{});
            grow.add(w.seconds());
        }
        table.addRow({"3D region growing, body of 31 M voxels", formatMs(grow.median()), "-", ""});
    }
    table.print(std::cout);
    return 0;
}
