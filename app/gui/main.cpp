// cadview: the GUI. Thin: parses the command line, installs translations, shows the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>

#include <cstdio>
#include <ctime>

#include "LabelAutosave.h"
#include "LabelFileActions.h"
#include "LaunchSequence.h"
#include "MainWindow.h"
#include "Session.h"
#include "StudyLoader.h"
#include "UiLanguage.h"
#include "VtkHostWindow.h"
#include "inference/TorchPlugin.h"

int main(int argc, char** argv) {
    // Before any thread starts: LibTorch's OpenMP settings must be in the environment when it loads.
    cadview::TorchPlugin::prepareEnvironment();
    cadview::VtkHostWindow::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("cadview"));
    QApplication::setApplicationName(QStringLiteral("cadview"));
    QApplication::setApplicationVersion(QStringLiteral(CADVIEW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "cadview: CT, MR and X-ray viewer"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption open(QStringLiteral("open"),
                            QApplication::translate("main", "Open a DICOM folder or image file."),
                            QStringLiteral("path"));
    QCommandLineOption series(QStringLiteral("series"),
                              QApplication::translate("main", "SeriesInstanceUID to show."),
                              QStringLiteral("uid"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to a PNG file, then exit."),
        QStringLiteral("file"));
    QCommandLineOption overlay(QStringLiteral("overlay"),
                               QApplication::translate("main", "Label map to show over the image."),
                               QStringLiteral("file"));
    QCommandLineOption window(
        QStringLiteral("window"),
        QApplication::translate("main", "Window preset: lung, mediastinum, bone, brain, abdomen, auto."),
        QStringLiteral("preset"));
    QCommandLineOption demo(QStringLiteral("demo"),
                            QApplication::translate("main", "Demo mode: hide patient identifiers."));
    QCommandLineOption size(QStringLiteral("size"),
                            QApplication::translate("main", "Window size, e.g. 1280x900."),
                            QStringLiteral("WxH"));
    QCommandLineOption lang(QStringLiteral("lang"),
                            QApplication::translate("main", "Interface language (en, ko)."),
                            QStringLiteral("code"));
    QCommandLineOption exitWhenShown(
        QStringLiteral("exit-when-shown"),
        QApplication::translate("main", "Exit once the window is on screen (start-up benchmark)."));
    QCommandLineOption model(QStringLiteral("model"),
                             QApplication::translate("main", "Run this model on the study once it is open."),
                             QStringLiteral("name"));
    QCommandLineOption modelDir(QStringLiteral("model-dir"),
                                QApplication::translate("main", "Another folder of models (repeatable)."),
                                QStringLiteral("dir"));
    for (const auto& o :
         {open, series, screenshot, overlay, window, demo, size, lang, exitWhenShown, model, modelDir})
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QApplication::translate("main", "Folders or files to open."));
    parser.process(app);

    cadview::UiLanguage::install(cadview::UiLanguage::resolve(parser.value(lang)));

    cadview::MainWindow mainWindow;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2) mainWindow.resize(wh[0].toInt(), wh[1].toInt());
    }
    mainWindow.setDemoMode(parser.isSet(demo));
    QStringList paths = parser.values(open) + parser.positionalArguments();
    mainWindow.show();

    if (parser.isSet(exitWhenShown)) {
        // Prints CLOCK_MONOTONIC (ns) when the window's first frame has been swapped to the screen;
        // the start-up benchmark subtracts the time it spawned us.
        QObject::connect(
            &mainWindow, &cadview::MainWindow::firstFrameShown, &app,
            [] {
                timespec ts{};
                clock_gettime(CLOCK_MONOTONIC, &ts);
                std::printf("first-frame %lld\n",
                            static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
                std::fflush(stdout);
                QCoreApplication::exit(0);
            },
            Qt::SingleShotConnection);
        return app.exec();
    }
    if (parser.isSet(screenshot) && paths.isEmpty()) {
        std::fprintf(stderr, "cadview: --screenshot needs --open PATH\n");
        return 2;
    }
    if (parser.isSet(screenshot)) {
        mainWindow.labelFiles()->setPrompts(false);  // a screenshot run never waits for a question
    } else if (paths.isEmpty()) {
        // Labels left by a cadview that died: offered back once the window is up.
        QTimer::singleShot(0, &mainWindow, [&mainWindow] { mainWindow.autosave()->offerRecovery(); });
    }
    cadview::LaunchOptions launch;
    launch.paths = paths;
    launch.series = parser.value(series);
    launch.window = parser.value(window);
    launch.overlay = parser.value(overlay);
    launch.model = parser.value(model);
    launch.modelDirs = parser.values(modelDir);
    launch.screenshot = parser.value(screenshot);
    auto* sequence = new cadview::LaunchSequence(&mainWindow, launch);
    sequence->start();
    return app.exec();
}
