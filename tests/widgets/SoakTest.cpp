// A long session in the real main window: 50 different studies (CT and MR DICOM series, NIfTI and
// NRRD volumes, chest X-rays) opened, shown in every view, given labels that autosave, and closed with
// File > Close, one after another. Afterwards the process holds what it held after the warm-up:
// resident memory within 10%, the same number of threads and of open file descriptors.
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "LabelAutosave.h"
#include "LabelFileActions.h"
#include "MainWindow.h"
#include "Session.h"
#include "StudyLoader.h"

using namespace cadview;

namespace {

const QString kData = QStringLiteral(CADVIEW_TEST_DATA);

struct ProcessState {
    long rssKiB = 0;
    int threads = 0;
    int fds = 0;
};

ProcessState processState() {
    ProcessState s;
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) s.rssKiB = std::stol(line.substr(6));
        if (line.rfind("Threads:", 0) == 0) s.threads = std::stoi(line.substr(8));
    }
    s.fds =
        int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
    return s;
}

// The 50 studies: 3 DICOM series, 2 NRRD volumes, 5 radiographs and 40 NIfTI FLAIR volumes.
QStringList studies() {
    QStringList list = {kData + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel"),
                        kData + QStringLiteral("/ct_head_gantry_tilt/series"),
                        kData + QStringLiteral("/mr_head_t1c/series"),
                        kData + QStringLiteral("/mr_brain_tumor_nrrd/brain1_image.nrrd"),
                        kData + QStringLiteral("/mr_brain_tumor_nrrd/brain2_image.nrrd")};
    const QDir xrays(kData + QStringLiteral("/cxr_lung_seg/images"));
    for (const QString& f : xrays.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name).mid(0, 3))
        list << xrays.filePath(f);
    const QDir pneumonia(kData + QStringLiteral("/cxr_pneumoniamnist/val/pneumonia"));
    for (const QString& f : pneumonia.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name).mid(0, 2))
        list << pneumonia.filePath(f);
    const QDir lgg(kData + QStringLiteral("/mr_brain_lgg_flair"));
    for (const QString& d : lgg.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name).mid(0, 40))
        list << lgg.filePath(d + QStringLiteral("/flair.nii.gz"));
    return list;
}

class SoakTest : public QObject {
    Q_OBJECT

    // Waits until nothing runs in the background and pool threads have exited; then measures.
    ProcessState settled() {
        QThreadPool::globalInstance()->waitForDone();
        QTest::qWait(200);
        malloc_trim(0);
        return processState();
    }

    // Opens `path`, renders it, paints a label map that autosaves, and closes it again.
    void openUseAndClose(MainWindow& w, const QString& path) {
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        QSignalSpy failed(w.loader(), &StudyLoader::failed);
        w.openPaths({path});
        QVERIFY2(loaded.wait(60000) || !failed.isEmpty(), qPrintable(path));
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? path : failed.first().first().toString()));
        Session* s = w.session();
        QVERIFY(s->volume());
        QVERIFY(!w.windowImage().isNull());  // every view drew the study

        // A label map that the autosave writes to its recovery slot (files, a lock).
        auto labels = std::make_shared<Volume>(s->volume()->geometry(), PixelType::UInt8);
        labels->as<std::uint8_t>()[labels->voxelCount() / 2] = 1;
        QString error;
        QVERIFY2(s->setOverlay(labels, &error), qPrintable(error));
        s->labelDocument().touchTable();  // unsaved work, which the autosave keeps
        s->labelsEdited();
        QSignalSpy autosaved(w.autosave(), &LabelAutosave::autosaved);
        QVERIFY(autosaved.wait(10000));

        QVERIFY(w.closeStudy());
        QVERIFY(!s->volume());
        QCOMPARE(w.loader()->index().series.size(), std::size_t(0));
    }

  private slots:
    void fiftyStudiesLeaveNothingBehind() {
        const QStringList list = studies();
        QCOMPARE(list.size(), 50);
        MainWindow w;
        w.labelFiles()->setPrompts(false);
        w.autosave()->setDelays(20, 200);
        w.resize(1200, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // Warm-up: one study of each kind (first-use caches: GL shaders, fonts, icons, ITK IO factories).
        for (int i : {0, 1, 2, 3, 5, 10}) {
            openUseAndClose(w, list[i]);
            if (QTest::currentTestFailed()) return;
        }
        const ProcessState before = settled();

        for (const QString& path : list) {
            openUseAndClose(w, path);
            if (QTest::currentTestFailed()) return;
        }
        const ProcessState after = settled();
        std::printf(
            "soak: 50 studies: resident memory %.1f -> %.1f MiB (%+.1f%%), threads %d -> %d, "
            "file descriptors %d -> %d\n",
            before.rssKiB / 1024.0, after.rssKiB / 1024.0,
            100.0 * double(after.rssKiB - before.rssKiB) / double(before.rssKiB), before.threads,
            after.threads, before.fds, after.fds);
        QVERIFY2(after.rssKiB <= before.rssKiB * 11 / 10, "resident memory grew by more than 10%");
        QCOMPARE(after.threads, before.threads);
        QCOMPARE(after.fds, before.fds);
    }
};

}  // namespace

QTEST_MAIN(SoakTest)
#include "SoakTest.moc"
