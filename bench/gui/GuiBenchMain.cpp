// cadview-bench-gui: the viewer's own figures, each next to a peer measured in the same run:
//   start-up to first window (against a bare Qt 6 main window),
//   slice scroll render time at 512 x 512 with one overlay (against VTK's vtkImageViewer2),
//   first slice on screen while a 600-slice series loads (against a viewer on plain ITK, which must read
//   the whole series first), and peak memory while the viewer loads it.
// Needs an X display (xvfb-run); software OpenGL (Mesa llvmpipe) is what the figures are for.
#include <CLI/CLI.hpp>

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QTimer>
#include <QWindow>

#include <iostream>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "FirstSliceBench.h"
#include "GuiMemoryProbe.h"
#include "ModelResponsivenessBench.h"
#include "ProcStatus.h"
#include "ScrollBench.h"
#include "StartupProbe.h"
#include "SyntheticSeries.h"
#include "Table.h"
#include "VtkHostWindow.h"
#include "io/VolumeLoader.h"

using namespace cadview;
using namespace cadview::bench;

namespace {

// The start-up peer: the smallest Qt 6 main window with a menu bar, timed the same way.
int bareQtWindow(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow w;
    w.menuBar()->addMenu(QStringLiteral("File"));
    w.setCentralWidget(new QLabel(QStringLiteral("peer")));
    w.resize(1280, 900);
    w.show();
    w.windowHandle()->requestUpdate();
    QTimer::singleShot(0, &app, [] {
        StartupProbe::printFirstFrame();
        QCoreApplication::exit(0);
    });
    return app.exec();
}

std::string ms(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1000);
    return buf;
}
std::string verdict(bool met) {
    return met ? "met" : "MISSED";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "--child-bare-qt") return bareQtWindow(argc, argv);
    if (argc >= 3 && std::string(argv[1]) == "--child-gui-memory") {
        VtkHostWindow::setDefaultSurfaceFormat();
        QApplication app(argc, argv);
        return GuiMemoryProbe::runChild(argv[2]);
    }

    int runs = 7, passes = 3, slices = 600;
    bool skipLarge = false;
    std::string modelDir = scratchDir() + "/models";
    CLI::App cli{"cadview-bench-gui: viewer figures next to their peers (run under xvfb-run)"};
    cli.add_option("--runs", runs, "Repetitions of the start-up and open measurements");
    cli.add_option("--passes", passes, "Scroll passes through the 64-slice CT");
    cli.add_option("--slices", slices, "Slices of the large series");
    cli.add_flag("--skip-large", skipLarge, "Skip the 600-slice measurements");
    cli.add_option("--model-dir", modelDir,
                   "Folder with the test models (tests/models/make_test_models.py writes them there)");
    CLI11_PARSE(cli, argc, argv);

    const std::string self = selfExecutablePath();
    const std::string viewer = siblingExecutable("cadview", argv[0]);
    std::cerr << "start-up...\n";
    const Samples ours = StartupProbe::measure({viewer, "--exit-when-shown"}, runs);
    const Samples bare = StartupProbe::measure({self, "--child-bare-qt"}, runs);

    VtkHostWindow::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    std::cerr << "scrolling...\n";
    JobContext job;
    auto chest = std::make_shared<const Volume>(VolumeLoader::loadPath(chestCtDir(), {}, {}, job));
    ScrollFigures scroll = ScrollBench::run(chest, 512, passes);
    scroll.mainWindow = ScrollBench::inMainWindow(chestCtDir(), passes);

    std::cerr << "event loop while a model runs...\n";
    const ModelResponsiveness responsiveness =
        ModelResponsivenessBench::run(chest, modelDir, "test-seg2d-size", std::max(3, runs / 2));

    FirstSliceFigures first;
    GuiMemoryFigures memory;
    if (!skipLarge) {
        SyntheticSeriesOptions o;
        o.sourceDir = chestCtDir();
        o.outputDir = largeSeriesDir(slices);
        o.slices = slices;
        const auto series = SyntheticSeries::ensure(o);
        std::cerr << "first slice of " << slices << " slices...\n";
        first = FirstSliceBench::run(series.outputDir, std::max(3, runs / 2));
        std::cerr << "memory...\n";
        memory = GuiMemoryProbe::measure(self, series.outputDir);
    }

    Table t({"figure", "cadview", "peer", "ratio", "goal", ""});
    t.addRow({"start-up to first window (median)", ms(ours.median()), ms(bare.median()) + " bare Qt window",
              formatRatio(ours.median() / bare.median()), "< 300 ms", verdict(ours.median() < 0.3)});
    auto p95 = [](const Samples& s) {
        std::vector<double> v = s.values();
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, v.size() * 95 / 100)];
    };
    t.addRow({"slice scroll, 512x512 + overlay, step to frame (median)", ms(scroll.withOverlay.median()),
              ms(scroll.vtkViewer.median()) + " vtkImageViewer2, no overlay",
              formatRatio(scroll.withOverlay.median() / scroll.vtkViewer.median()), "< 16 ms",
              verdict(scroll.withOverlay.median() < 0.016)});
    t.addRow({"slice scroll, 512x512 + overlay (95th pct)", ms(p95(scroll.withOverlay)),
              ms(p95(scroll.vtkViewer)), "", "", ""});
    t.addRow({"  of which paintGL / VTK scene render",
              ms(scroll.paint.median()) + " / " + ms(scroll.vtkRender.median()), "", "", "", ""});
    t.addRow(
        {"slice scroll, 512x512, no overlay (median)", ms(scroll.withoutOverlay.median()), "", "", "", ""});
    t.addRow(
        {"slice scroll in the main window, 3 planes + 3D", ms(scroll.mainWindow.median()), "", "", "", ""});
    if (!responsiveness.longestGap.empty())
        t.addRow({"longest event-loop gap while a model segments 64 slices",
                  ms(responsiveness.longestGap.median()), "run " + ms(responsiveness.runTime.median()), "",
                  "< 50 ms", verdict(responsiveness.longestGap.median() < 0.05)});
    if (!skipLarge) {
        t.addRow({"open " + std::to_string(slices) + " slices: first slice on screen",
                  ms(first.firstSlice.median()), ms(first.itkLoad.median()) + " ITK load (nothing before)",
                  formatRatio(first.firstSlice.median() / first.itkLoad.median()), "< 500 ms",
                  verdict(first.firstSlice.median() < 0.5)});
        t.addRow({"open " + std::to_string(slices) + " slices: whole volume on screen",
                  ms(first.wholeVolume.median()), ms(first.itkLoad.median()) + " ITK load alone",
                  formatRatio(first.wholeVolume.median() / first.itkLoad.median()), "", ""});
        const double loadRatio = (memory.peakLoadedBytes - memory.baselineBytes) / memory.voxelBytes;
        const double shownRatio = (memory.peakShownBytes - memory.baselineBytes) / memory.voxelBytes;
        t.addRow({"viewer peak while loading, above idle",
                  formatMiB(memory.peakLoadedBytes - memory.baselineBytes),
                  formatMiB(memory.voxelBytes) + " voxels", formatRatio(loadRatio), "<= 1.2x",
                  verdict(loadRatio <= 1.2)});
        t.addRow({"viewer peak once all views drew it (3D too)",
                  formatMiB(memory.peakShownBytes - memory.baselineBytes), "", formatRatio(shownRatio), "",
                  ""});
    }
    std::cout << "\n";
    t.print(std::cout);
    std::cout << "\nstart-up runs: ours " << describeMs(ours) << "; bare Qt " << describeMs(bare) << "\n";
    return 0;
}
