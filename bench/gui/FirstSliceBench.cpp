#include "FirstSliceBench.h"

#include <QApplication>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include "ItkSeriesLoader.h"
#include "MainWindow.h"
#include "Session.h"
#include "SliceView.h"
#include "StudyLoader.h"

namespace cadview::bench {

FirstSliceFigures FirstSliceBench::run(const std::string& dir, int runs) {
    FirstSliceFigures f;
    for (int r = 0; r < runs; ++r) {
        MainWindow window;
        window.resize(1280, 900);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) break;
        SliceView* axial = window.sliceView(0);
        QTest::qWait(
            1500);  // the viewer is open and idle (views created, shaders warmed) before the user opens

        Stopwatch clock;
        double first = -1, whole = -1;
        QEventLoop loop;
        QObject::connect(axial, &VtkHostWindow::rendered, &loop, [&] {
            if (!window.session()->hasImage()) return;
            if (first < 0) first = clock.seconds();
            if (!window.session()->isPreview() && whole < 0) {
                whole = clock.seconds();
                loop.quit();
            }
        });
        QObject::connect(window.loader(), &StudyLoader::failed, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        window.openPaths({QString::fromStdString(dir)});
        loop.exec();
        if (first >= 0) f.firstSlice.add(first);
        if (whole >= 0) f.wholeVolume.add(whole);
    }
    for (int r = 0; r < runs; ++r) {
        Stopwatch clock;
        const PeerVolume peer = ItkSeriesLoader::load(dir);
        f.itkLoad.add(clock.seconds());
    }
    return f;
}

}  // namespace cadview::bench
