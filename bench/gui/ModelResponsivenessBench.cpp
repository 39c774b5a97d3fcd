#include "ModelResponsivenessBench.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cstdio>

#include "ModelController.h"
#include "Session.h"
#include "SliceView.h"

namespace cadview::bench {

ModelResponsiveness ModelResponsivenessBench::run(const std::shared_ptr<const Volume>& volume,
                                                  const std::string& modelDir, const std::string& model,
                                                  int runs) {
    ModelResponsiveness r;
    Session session;
    ModelController controller(&session);
    controller.setUserDirectories({QString::fromStdString(modelDir)});
    SliceView view(&session, SliceOrientation::Axial);
    view.resize(512, 512);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return r;
    session.setVolume(volume);
    QTest::qWait(500);
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        QSignalSpy finished(&controller, &ModelController::finished);
        QSignalSpy failed(&controller, &ModelController::failed);
        clock.start();
        probe.start();
        controller.run(QString::fromStdString(model));
        if (!finished.wait(300000)) {
            std::fprintf(stderr, "model run failed: %s\n",
                         failed.isEmpty() ? "timeout" : qPrintable(failed.first().first().toString()));
            return r;
        }
        QTest::qWait(50);  // the result drawn
        probe.stop();
        r.longestGap.add(double(worst) / 1000);
        r.runTime.add(double(clock.elapsed()) / 1000);
        session.clearAiResult();
    }
    return r;
}

}  // namespace cadview::bench
