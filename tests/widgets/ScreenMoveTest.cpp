// Moving the viewer between screens of different scale. A radiologist drags the window from the
// laptop panel (scale 1) to the reading monitor (scale 2) and back: every view must render at the new
// screen's resolution (not a quarter-size or blurred image), keep the same image at the same place,
// and keep its text and layout.
//
// The test runs its own X server: one desktop split into two RandR monitors side by side, the right
// one at scale 2 (QT_SCREEN_SCALE_FACTORS, as X11 users of Qt set per-monitor scale). The window is
// moved by position, as a drag does. It does not use the shared Xvfb of the other widget tests.
#include <QApplication>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

#include <xcb/xcb.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vtkGenericOpenGLRenderWindow.h>

#include "MainWindow.h"
#include "Session.h"
#include "SliceView.h"
#include "StudyLoader.h"
#include "VtkHostWindow.h"

using namespace cadview;

namespace {

const QString kData = QStringLiteral(CADVIEW_TEST_DATA);

// Xvfb with one 2400x900 desktop split into two RandR monitors, "left" (output "screen") and
// "right", side by side, as a laptop panel beside an external monitor. Killed on destruction.
class TwoMonitorXServer {
  public:
    TwoMonitorXServer() {
        for (int n = 71; n < 99 && pid_ <= 0; ++n) {
            struct stat st {};
            char lock[64], socket[64], display[16];
            std::snprintf(lock, sizeof lock, "/tmp/.X%d-lock", n);
            std::snprintf(socket, sizeof socket, "/tmp/.X11-unix/X%d", n);
            std::snprintf(display, sizeof display, ":%d", n);
            if (::stat(lock, &st) == 0 || ::stat(socket, &st) == 0) continue;
            display_ = display;
            // -noreset: the monitors set below would vanish when their client disconnects.
            pid_ = run(
                {"Xvfb", display_.c_str(), "-noreset", "-nolisten", "tcp", "-screen", "0", "2400x900x24"});
        }
        if (pid_ <= 0) return;
        for (int i = 0; i < 200 && !ready_; ++i) {
            int screenNumber = 0;
            xcb_connection_t* c = xcb_connect(display_.c_str(), &screenNumber);
            ready_ = !xcb_connection_has_error(c);
            xcb_disconnect(c);
            if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ready_ = ready_ && xrandr({"--setmonitor", "left", "1200/318x900/238+0+0", "screen"}) &&
                 xrandr({"--setmonitor", "right", "1200/318x900/238+1200+0", "none"});
    }
    ~TwoMonitorXServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    TwoMonitorXServer(const TwoMonitorXServer&) = delete;
    TwoMonitorXServer& operator=(const TwoMonitorXServer&) = delete;

    bool ready() const { return ready_; }
    const std::string& display() const { return display_; }

  private:
    static pid_t run(std::vector<const char*> argv) {
        argv.push_back(nullptr);
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned server if the test is killed
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
            ::execvp(argv[0], const_cast<char* const*>(argv.data()));
            ::_exit(127);
        }
        return pid;
    }
    bool xrandr(std::vector<const char*> args) const {
        args.insert(args.begin(), {"xrandr", "-display", display_.c_str()});
        const pid_t pid = run(args);
        int status = 0;
        return pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }

    std::string display_;
    pid_t pid_ = -1;
    bool ready_ = false;
};

}  // namespace

class ScreenMoveTest : public QObject {
    Q_OBJECT

  private:
    // The axial view of the chest CT at slice 32 in the lung window: the grey of the voxel at (i, j) in
    // the grabbed framebuffer, sampled where the view says that voxel is, in device pixels.
    static int greyAt(SliceView* view, const QImage& image, const Volume& v, double i, double j) {
        const QPointF p =
            view->widgetPositionOf(v.geometry().indexToPhysical({i, j, 32})) * view->devicePixelRatio();
        return qRed(image.pixel(p.toPoint()));
    }
    static int expectedGrey(const Volume& v, int i, int j) {
        return int(std::lround((v.valueAt(i, j, 32) - (-600 - 800)) / 1600 * 255));
    }

    // Checks the view's framebuffer against the volume at a few voxels (air, lung, soft tissue) and
    // the VTK render window's size against the view's size at its screen's scale.
    static void checkView(SliceView* view, const Volume& v, double scale) {
        QTRY_COMPARE(view->devicePixelRatio(), scale);
        const QImage image = view->grab();
        QCOMPARE(image.devicePixelRatio(), scale);
        QCOMPARE(image.size(), view->size() * scale);
        const int* rw = view->renderWindow()->GetSize();
        QCOMPARE(rw[0], int(view->width() * scale + 0.5));
        QCOMPARE(rw[1], int(view->height() * scale + 0.5));
        for (const auto& [i, j] :
             {std::pair{5, 60}, std::pair{90, 200}, std::pair{128, 128}, std::pair{200, 250}}) {
            const int actual = greyAt(view, image, v, i + 0.5, j + 0.5);
            const int expected = expectedGrey(v, i, j);
            QVERIFY2(std::abs(actual - expected) <= 6,
                     qPrintable(QStringLiteral("voxel (%1, %2) at scale %3: %4 vs %5")
                                    .arg(i)
                                    .arg(j)
                                    .arg(scale)
                                    .arg(actual)
                                    .arg(expected)));
        }
    }

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("cadview-tests"));
        const auto screens = QGuiApplication::screens();
        QCOMPARE(screens.size(), 2);
        QCOMPARE(screens[0]->name(), QStringLiteral("left"));
        QCOMPARE(screens[0]->devicePixelRatio(), 1.0);
        QCOMPARE(screens[1]->name(), QStringLiteral("right"));
        QCOMPARE(screens[1]->devicePixelRatio(), 2.0);
    }

    void viewsRenderAtEachScreensScale() {
        const auto screens = QGuiApplication::screens();
        MainWindow w;
        w.setGeometry(40, 40, 1100, 820);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        w.openPaths({kData + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel")});
        QVERIFY(loaded.wait(60000));
        const Volume& v = *w.session()->volume();
        SliceView* axial = w.sliceView(0);
        QCOMPARE(axial->sliceIndex(), 32);
        checkView(axial, v, 1.0);
        const QSize logical = axial->size();
        qInfo("axial view on the scale-1 monitor: %dx%d", logical.width(), logical.height());

        // Dragged onto the scale-2 monitor: the same layout in logical pixels, each view rendered at
        // two device pixels per logical pixel.
        w.move(screens[1]->geometry().topLeft() + QPoint(20, 20));
        QTRY_COMPARE(w.screen(), screens[1]);
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        checkView(axial, v, 2.0);
        QCOMPARE(axial->size(), logical);
        for (int o = 1; o < 3; ++o)
            QTRY_COMPARE(w.sliceView(o)->renderWindow()->GetSize()[0], w.sliceView(o)->width() * 2);

        // Scrolling on the new screen still works and renders.
        axial->setSliceIndex(33);
        QTRY_COMPARE(axial->sliceIndex(), 33);
        axial->setSliceIndex(32);

        // And back.
        w.move(40, 40);
        QTRY_COMPARE(w.screen(), screens[0]);
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        checkView(axial, v, 1.0);
        QCOMPARE(axial->size(), logical);
    }
};

int main(int argc, char** argv) {
    TwoMonitorXServer server;
    if (!server.ready()) {
        std::fprintf(stderr, "ScreenMoveTest: could not start Xvfb with two monitors (Xvfb and xrandr)\n");
        return 1;
    }
    ::setenv("DISPLAY", server.display().c_str(), 1);
    ::setenv("QT_QPA_PLATFORM", "xcb", 1);
    // Per-monitor scale the way X11 users of Qt set it.
    ::setenv("QT_SCREEN_SCALE_FACTORS", "left=1;right=2", 1);
    ::unsetenv("QT_SCALE_FACTOR");
    VtkHostWindow::setDefaultSurfaceFormat();
    int result = 0;
    {
        QApplication app(argc, argv);
        ScreenMoveTest test;
        result = QTest::qExec(&test, argc, argv);
    }
    return result;
}

#include "ScreenMoveTest.moc"
