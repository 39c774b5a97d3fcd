// The label map's life outside memory, through the main window: saved as NIfTI with its label table and
// opened again, saved as DICOM SEG on the chest CT and read back on the series' grid, never written over
// the source study; autosave survives a killed process (a child cadview is killed with SIGKILL after
// its autosave, and the next start restores exactly those labels); tagged images export as a
// folder-labelled dataset that training reads.
#include <QApplication>
#include <QDir>
#include <QMouseEvent>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "ClassTagActions.h"
#include "LabelAutosave.h"
#include "LabelFileActions.h"
#include "MainWindow.h"
#include "Session.h"
#include "SliceView.h"
#include "StudyLoader.h"
#include "evaluation/EvaluationDataset.h"
#include "io/DicomSegReader.h"
#include "io/LabelMapFile.h"
#include "io/VolumeWriter.h"

using namespace cadview;

namespace {

const QString kData = QStringLiteral(CADVIEW_TEST_DATA);
const QString kChestCt = kData + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel");

// A 48 x 40 x 12 CT-like volume written as NIfTI: what the recovery child opens.
QString writeTestImage(const QString& dir) {
    ImageGeometry g;
    g.size = {48, 40, 12};
    g.spacing = {0.8, 0.8, 2.0};
    Volume v(g, PixelType::Int16);
    for (std::size_t i = 0; i < v.voxelCount(); ++i)
        v.as<std::int16_t>()[i] = std::int16_t(i % 97);
    // A new name each time: a file this process opened as a study is never written again (AtomicFile).
    static int written = 0;
    const QString path = dir + QStringLiteral("/image-%1.nii.gz").arg(++written);
    VolumeWriter::write(v, path.toStdString());
    return path;
}

// A left-button stroke through voxel centres of the view's current slice.
void stroke(SliceView* view, Session* session, const std::vector<std::pair<double, double>>& path) {
    const ImageGeometry& g = session->volume()->geometry();
    const double z = view->sliceIndex();
    auto at = [&](std::pair<double, double> p) {
        return view->widgetPositionOf(g.indexToPhysical({p.first, p.second, z}));
    };
    auto send = [&](QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, view->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(view, &e);
    };
    send(QEvent::MouseButtonPress, at(path.front()), Qt::LeftButton, Qt::LeftButton);
    for (std::size_t i = 1; i < path.size(); ++i)
        send(QEvent::MouseMove, at(path[i]), Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, at(path.back()), Qt::LeftButton, Qt::NoButton);
}

void useBrush(Session* session, double radius) {
    AnnotationTool t = session->tool();
    t.kind = AnnotationTool::Kind::Brush;
    t.brushRadiusMm = radius;
    session->setTool(t);
}

std::size_t countNonZero(const Volume& v) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < v.voxelCount(); ++i)
        n += v.as<std::uint8_t>()[i] != 0;
    return n;
}

bool sameVoxels(const Volume& a, const Volume& b) {
    return a.geometry().size == b.geometry().size && a.pixelType() == PixelType::UInt8 &&
           b.pixelType() == PixelType::UInt8 && std::memcmp(a.data(), b.data(), a.bytes()) == 0;
}

// The child side of the crash test: open the image, paint two strokes (each autosaved), write what it
// holds as the expected result, say so, and wait to be killed.
int runRecoveryChild(int argc, char** argv) {
    QApplication app(argc, argv);
    MainWindow w;
    w.labelFiles()->setPrompts(false);
    w.autosave()->setDelays(150, 1000);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) return 3;
    QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
    w.openPaths({qEnvironmentVariable("CADVIEW_TEST_IMAGE")});
    if (!loaded.wait(60000)) return 4;
    SliceView* view = w.sliceView(0);
    useBrush(w.session(), 2.0);
    QSignalSpy autosaved(w.autosave(), &LabelAutosave::autosaved);
    stroke(view, w.session(), {{5, 5}, {10, 5}, {20, 8}, {30, 12}});
    if (!autosaved.wait(20000)) return 5;
    w.session()->setActiveLabel(2);
    stroke(view, w.session(), {{40, 30}, {30, 30}, {20, 35}});
    if (!autosaved.wait(20000)) return 6;
    const auto& doc = w.session()->labelDocument();
    LabelMapFile::write(*doc.labels(), doc.table(),
                        qEnvironmentVariable("CADVIEW_TEST_EXPECTED").toStdString());
    std::cout << "AUTOSAVED " << countNonZero(*doc.labels()) << std::endl;
    return app.exec();  // until killed
}

}  // namespace

class LabelFilesTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void niftiSaveKeepsVoxelsAndTableAndOpensAgain() {
        MainWindow w;
        w.labelFiles()->setPrompts(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        const QString image = writeTestImage(tmp_.path());
        w.openPaths({image});
        QVERIFY(loaded.wait(60000));
        Session* s = w.session();
        useBrush(s, 1.5);
        stroke(w.sliceView(0), s, {{10, 10}, {20, 10}, {20, 20}});
        LabelTable table = s->labelDocument().table();
        table.find(1)->name = "Lesion";
        table.find(1)->color = {12, 34, 56};
        s->setLabelTable(table);
        QVERIFY(s->labelDocument().modified());
        const auto painted = std::make_shared<Volume>(*s->overlay());
        const std::vector<std::uint8_t> before(painted->as<std::uint8_t>(),
                                               painted->as<std::uint8_t>() + painted->voxelCount());

        // Never over the source image.
        QSignalSpy failed(w.labelFiles(), &LabelFileActions::saveFailed);
        QVERIFY(!w.labelFiles()->saveAs(image));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("never writes into the source")));

        const QString path = tmp_.path() + QStringLiteral("/labels.nii.gz");
        QSignalSpy saved(w.labelFiles(), &LabelFileActions::saved);
        QVERIFY(w.labelFiles()->saveAs(path));
        QVERIFY(saved.wait(30000));
        QVERIFY(!s->labelDocument().modified());
        QVERIFY(QFileInfo::exists(tmp_.path() + QStringLiteral("/labels.label.txt")));

        s->clearOverlay();
        QVERIFY(!s->overlay());
        QSignalSpy overlay(w.loader(), &StudyLoader::overlayLoaded);
        w.loader()->loadOverlay(path);
        QVERIFY(overlay.wait(30000));
        QVERIFY(s->overlay());
        QVERIFY(std::memcmp(s->overlay()->data(), before.data(), before.size()) == 0);
        QCOMPARE(s->labelDocument().table().find(1)->name, std::string("Lesion"));
        QVERIFY((s->labelDocument().table().find(1)->color == std::array<std::uint8_t, 3>{12, 34, 56}));
        QCOMPARE(s->labelPath(), path);
    }

    void dicomSegOfTheChestCtReadsBackOnTheSeriesGrid() {
        MainWindow w;
        w.labelFiles()->setPrompts(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        w.openPaths({kChestCt});
        QVERIFY(loaded.wait(60000));
        Session* s = w.session();
        useBrush(s, 6.0);
        stroke(w.sliceView(0), s, {{200, 200}, {260, 220}, {300, 300}});
        s->setActiveLabel(4);
        stroke(w.sliceView(0), s, {{100, 300}, {120, 340}});
        const QString path = tmp_.path() + QStringLiteral("/chest-seg.dcm");
        QSignalSpy saved(w.labelFiles(), &LabelFileActions::saved);
        QSignalSpy failed(w.labelFiles(), &LabelFileActions::saveFailed);
        QVERIFY(w.labelFiles()->saveAs(path));
        QVERIFY2(saved.wait(60000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const DicomSegReader::Result seg = DicomSegReader::read(path.toStdString(), s->volume()->geometry());
        QVERIFY(sameVoxels(seg.labels, *s->overlay()));
        QCOMPARE(seg.referencedSeriesUid, s->volume()->info().uid);
        QVERIFY(seg.table.find(4) != nullptr);
        QVERIFY(countNonZero(seg.labels) > 500);
    }

    void autosaveSurvivesAKilledProcess() {
        const QString recovery = tmp_.path() + QStringLiteral("/recovery");
        const QString expected = tmp_.path() + QStringLiteral("/expected.nrrd");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CADVIEW_RECOVERY_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("CADVIEW_RECOVERY_DIR"), recovery);
        env.insert(QStringLiteral("CADVIEW_TEST_IMAGE"), writeTestImage(tmp_.path()));
        env.insert(QStringLiteral("CADVIEW_TEST_EXPECTED"), expected);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted(10000));
        QByteArray out;
        while (!out.contains("AUTOSAVED") && child.state() == QProcess::Running) {
            child.waitForReadyRead(1000);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("AUTOSAVED"),
                 qPrintable(QStringLiteral("child exited with %1").arg(child.exitCode())));
        child.kill();  // SIGKILL: no clean-up runs
        QVERIFY(child.waitForFinished(10000));

        const auto orphans = RecoveryStore::orphans(recovery.toStdString());
        QCOMPARE(orphans.size(), std::size_t(1));
        const auto [recovered, table] = RecoveryStore::load(orphans.front());
        const LabelMapFile::Loaded last = LabelMapFile::read(expected.toStdString());
        QVERIFY(countNonZero(last.labels) > 50);
        QVERIFY(sameVoxels(recovered, last.labels));
        QVERIFY(table.find(2) != nullptr);

        // The next start offers it back: the image opens with those labels, unsaved.
        qputenv("CADVIEW_RECOVERY_DIR", recovery.toUtf8());
        MainWindow w;
        w.labelFiles()->setPrompts(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.autosave()->orphans().size(), std::size_t(1));
        QSignalSpy restored(w.autosave(), &LabelAutosave::recovered);
        w.autosave()->offerRecovery(false);
        QVERIFY(restored.wait(60000));
        QVERIFY(w.session()->overlay());
        QVERIFY(sameVoxels(*w.session()->overlay(), last.labels));
        QVERIFY(w.session()->labelDocument().modified());
        QVERIFY(w.autosave()->orphans().empty());  // taken: not offered again
    }

    void taggedImagesExportAsAFolderDataset() {
        qputenv("CADVIEW_TAGS_FILE", (tmp_.path() + QStringLiteral("/tags.json")).toUtf8());
        MainWindow w;
        w.labelFiles()->setPrompts(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.loader(), &StudyLoader::loaded);
        const QString xray = kData + QStringLiteral("/cxr_lung_seg/images");
        const QStringList images =
            QDir(xray).entryList({QStringLiteral("*.png"), QStringLiteral("*.jpg")}, QDir::Files, QDir::Name);
        QVERIFY(images.size() >= 2);
        const QString classes[] = {QStringLiteral("normal"), QStringLiteral("abnormal")};
        for (int i = 0; i < 2; ++i) {
            w.openPaths({xray + QLatin1Char('/') + images[i]});
            QVERIFY(loaded.wait(60000));
            QString error;
            QVERIFY2(w.classTags()->tagCurrent(classes[i], &error), qPrintable(error));
        }
        w.openPaths({kChestCt});
        QVERIFY(loaded.wait(60000));
        QVERIFY(w.classTags()->tagCurrent(QStringLiteral("abnormal")));
        QString error;
        QVERIFY(!w.classTags()->tagCurrent(QStringLiteral("../escape"), &error));
        QVERIFY(!error.isEmpty());
        // Tags persist: a new window reads them back.
        QCOMPARE(ClassTags::load((tmp_.path() + QStringLiteral("/tags.json")).toStdString()).tags().size(),
                 std::size_t(3));

        const QString out = tmp_.path() + QStringLiteral("/dataset");
        QSignalSpy exported(w.classTags(), &ClassTagActions::exported);
        QVERIFY(w.classTags()->exportTo(out));
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.first().at(1).toInt(), 3);
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/normal/") + images[0]));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/abnormal/") + images[1]));
        // The CT went in as a folder of its 64 slices, and the layout is the one training reads.
        const auto cases = EvaluationDataset::classification(out.toStdString());
        QCOMPARE(cases.size(), std::size_t(3));
        int abnormal = 0;
        for (const auto& c : cases)
            abnormal += c.className == "abnormal";
        QCOMPARE(abnormal, 2);
        // The sources are untouched: still there, nothing added next to them.
        QVERIFY(QFileInfo::exists(xray + QLatin1Char('/') + images[0]));
        QCOMPARE(QDir(kChestCt).entryList(QDir::Files).size(), 64);
    }

  private:
    QTemporaryDir tmp_;
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet("CADVIEW_RECOVERY_CHILD")) return runRecoveryChild(argc, argv);
    QApplication app(argc, argv);
    LabelFilesTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LabelFilesTest.moc"
