#include "GuiMemoryProbe.h"

#include <QApplication>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "BenchPaths.h"
#include "MainWindow.h"
#include "ProcStatus.h"
#include "ProcessRunner.h"
#include "Session.h"
#include "StudyLoader.h"
#include "VolumeView3D.h"

namespace cadview::bench {

int GuiMemoryProbe::runChild(const std::string& dir) {
    MainWindow window;
    window.resize(1280, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return 2;
    window.sliceView(0);
    QTest::qWait(1500);
    const double baseline = double(ProcStatus::residentBytes());
    ProcStatus::resetPeak();
    double loaded = 0, voxels = 0;
    QEventLoop loop;
    QObject::connect(window.loader(), &StudyLoader::loaded, &loop, [&] {
        loaded = double(ProcStatus::peakBytes());
        voxels = double(window.session()->volume()->bytes());
        // Let every view, the 3D one included, draw the volume once.
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    });
    QObject::connect(window.loader(), &StudyLoader::failed, &loop, &QEventLoop::quit);
    window.openPaths({QString::fromStdString(dir)});
    loop.exec();
    const double shown = double(ProcStatus::peakBytes());
    std::printf("gui-memory %.0f %.0f %.0f %.0f\n", baseline, loaded, shown, voxels);
    return loaded > 0 ? 0 : 1;
}

GuiMemoryFigures GuiMemoryProbe::measure(const std::string& self, const std::string& dir) {
    GuiMemoryFigures f;
    const ProcessResult r = runProcess({self, "--child-gui-memory", dir}, scratchDir() + "/gui-memory.log");
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line))
        if (std::sscanf(line.c_str(), "gui-memory %lf %lf %lf %lf", &f.baselineBytes, &f.peakLoadedBytes,
                        &f.peakShownBytes, &f.voxelBytes) == 4)
            return f;
    std::cerr << "gui memory probe failed:\n" << r.output << "\n";
    return f;
}

}  // namespace cadview::bench
