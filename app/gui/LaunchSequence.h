#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace cadview {

class MainWindow;

// What the command line asks the viewer to do at start, in order: open paths (a series), set a window
// preset, show a label map, run a model, and with `screenshot`, write the window to a PNG and quit
// (exit code 0, or 1 with the reason on stderr).
struct LaunchOptions {
    QStringList paths;
    QString series;
    QString window;
    QString overlay;
    QString model;
    QStringList modelDirs;
    QString screenshot;
};

class LaunchSequence : public QObject {
    Q_OBJECT
  public:
    LaunchSequence(MainWindow* window, LaunchOptions options);
    void start();

  private:
    void afterLoad();
    void afterOverlay();
    void finish();
    void fail(const QString& message);

    MainWindow* window_;
    LaunchOptions options_;
};

}  // namespace cadview
