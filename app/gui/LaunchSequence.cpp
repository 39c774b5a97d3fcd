#include "LaunchSequence.h"

#include <QCoreApplication>
#include <QImage>
#include <QTimer>

#include <cstdio>

#include "MainWindow.h"
#include "ModelController.h"
#include "Session.h"
#include "StudyLoader.h"

namespace cadview {

LaunchSequence::LaunchSequence(MainWindow* window, LaunchOptions options)
    : QObject(window), window_(window), options_(std::move(options)) {}

void LaunchSequence::start() {
    if (!options_.modelDirs.isEmpty()) window_->models()->setUserDirectories(options_.modelDirs);
    if (options_.paths.isEmpty()) return;
    connect(window_->loader(), &StudyLoader::loaded, this, &LaunchSequence::afterLoad,
            Qt::SingleShotConnection);
    connect(window_->loader(), &StudyLoader::failed, this, &LaunchSequence::fail);
    window_->openPaths(options_.paths, options_.series);
}

void LaunchSequence::afterLoad() {
    disconnect(window_->loader(), &StudyLoader::failed, this, &LaunchSequence::fail);
    if (!options_.window.isEmpty()) window_->session()->setWindowPreset(options_.window);
    if (options_.overlay.isEmpty()) {
        afterOverlay();
        return;
    }
    connect(window_->loader(), &StudyLoader::overlayLoaded, this, &LaunchSequence::afterOverlay,
            Qt::SingleShotConnection);
    connect(window_->loader(), &StudyLoader::failed, this, &LaunchSequence::fail, Qt::SingleShotConnection);
    window_->loader()->loadOverlay(options_.overlay);
}

void LaunchSequence::afterOverlay() {
    if (options_.model.isEmpty()) {
        finish();
        return;
    }
    connect(window_->models(), &ModelController::finished, this, &LaunchSequence::finish,
            Qt::SingleShotConnection);
    connect(window_->models(), &ModelController::failed, this, &LaunchSequence::fail);
    window_->models()->run(options_.model);
}

void LaunchSequence::finish() {
    disconnect(window_->models(), &ModelController::failed, this, &LaunchSequence::fail);
    if (options_.screenshot.isEmpty()) return;
    // A short wait lets every view paint once at its final size before the grab.
    QTimer::singleShot(50, this, [this] {
        const QImage image = window_->windowImage();
        if (image.isNull() || !image.save(options_.screenshot)) {
            fail(tr("cannot write the screenshot to %1").arg(options_.screenshot));
            return;
        }
        QCoreApplication::exit(0);
    });
}

void LaunchSequence::fail(const QString& message) {
    std::fprintf(stderr, "cadview: %s\n", qPrintable(message));
    if (!options_.screenshot.isEmpty()) QCoreApplication::exit(1);
}

}  // namespace cadview
