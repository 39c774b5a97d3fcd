#include "ScrollBench.h"

#include <QApplication>
#include <QOpenGLWindow>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

#include <vtkImageData.h>
#include <vtkImageViewer2.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>

#include "MainWindow.h"
#include "Session.h"
#include "SliceView.h"
#include "StudyLoader.h"
#include "VtkVolumeBridge.h"

namespace cadview::bench {

namespace {

// A label map of the kind an AI overlay gives: 1 = lung-like air inside the body, 2 = bone.
std::shared_ptr<const Volume> thresholdLabels(const Volume& ct) {
    auto labels = std::make_shared<Volume>(ct.geometry(), PixelType::UInt8);
    const auto* hu = ct.as<std::int16_t>();
    auto* out = labels->as<std::uint8_t>();
    for (std::size_t i = 0; i < ct.voxelCount(); ++i)
        out[i] = hu[i] > 250 ? 2 : (hu[i] > -950 && hu[i] < -400 ? 1 : 0);
    return labels;
}

Samples scrollView(SliceView& view, int passes, Samples* render = nullptr, Samples* paint = nullptr) {
    Samples s;
    const int n = view.sliceCount();
    for (int p = 0; p < passes; ++p)
        for (int k = 0; k < n; ++k) {
            QSignalSpy shown(&view, &QOpenGLWindow::frameSwapped);
            Stopwatch w;
            view.step(1, true);               // as a wheel notch does: the view schedules a paint
            if (!shown.wait(2000)) continue;  // the new slice has been presented on screen
            s.add(w.seconds());
            if (render) render->add(view.lastRenderMilliseconds() / 1000);
            if (paint) paint->add(view.lastPaintMilliseconds() / 1000);
        }
    return s;
}

}  // namespace

Samples ScrollBench::inMainWindow(const std::string& dir, int passes) {
    MainWindow window;
    window.resize(1280, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return {};
    QSignalSpy loaded(window.loader(), &StudyLoader::loaded);
    window.openPaths({QString::fromStdString(dir)});
    if (!loaded.wait(60000)) return {};
    QTest::qWait(2000);  // every view, 3D included, has drawn the study
    return scrollView(*window.sliceView(0), passes);
}

ScrollFigures ScrollBench::run(const std::shared_ptr<const Volume>& volume, int size, int passes) {
    ScrollFigures f;
    {
        Session session;
        SliceView view(&session, SliceOrientation::Axial);
        view.resize(size, size);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view)) {
            std::fprintf(stderr, "scroll bench: the view was never exposed\n");
            return f;
        }
        session.setVolume(volume);
        session.setWindowPreset(QStringLiteral("lung"));
        QTest::qWait(300);  // first render compiles shaders: not part of scrolling
        f.withoutOverlay = scrollView(view, passes);
        session.setOverlay(thresholdLabels(*volume));
        QTest::qWait(100);
        f.withOverlay = scrollView(view, passes, &f.vtkRender, &f.paint);
    }
    // The peer: the textbook VTK slice viewer, same data (zero-copy), same window/level, same size.
    vtkSmartPointer<vtkImageData> image = VtkVolumeBridge::wrap(volume);
    vtkNew<vtkImageViewer2> viewer;
    viewer->SetInputData(image);
    viewer->SetSize(size, size);
    viewer->GetRenderWindow()->SetOffScreenRendering(1);
    viewer->SetColorWindow(1500);
    viewer->SetColorLevel(-600);
    viewer->SetSliceOrientationToXY();
    viewer->SetSlice(0);
    viewer->Render();
    const int n = viewer->GetSliceMax() + 1;
    for (int p = 0; p < passes; ++p)
        for (int k = 0; k < n; ++k) {
            Stopwatch w;
            viewer->SetSlice((k + 1) % n);
            viewer->Render();
            viewer->GetRenderWindow()->WaitForCompletion();
            f.vtkViewer.add(w.seconds());
        }
    return f;
}

}  // namespace cadview::bench
