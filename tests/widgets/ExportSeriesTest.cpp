// File > Export Series on the real chest CT: de-identified by default (no byte of the patient's name or
// ID left in any file, new UIDs that stay consistent, voxels and geometry unchanged when the export is
// loaded again), or copied byte for byte; a non-empty folder and a non-DICOM image are refused. The
// dialog's choices reach the export. No Qt message of the session names the patient.
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include "ExportSeriesActions.h"
#include "LabelFileActions.h"
#include "MainWindow.h"
#include "Session.h"
#include "StudyLoader.h"
#include "io/DicomHeaderReader.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"
#include "jobs/JobContext.h"

using namespace cadview;

namespace {

const QString kData = QStringLiteral(CADVIEW_TEST_DATA);
const QString kChestCt = kData + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel");

// Every Qt message of the session (warnings, debug output): patient identifiers must never be in them.
QStringList messages;
void collect(QtMsgType, const QMessageLogContext&, const QString& text) {
    messages << text;
}

std::string fileBytes(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ExportSeriesTest : public QObject {
    Q_OBJECT

    MainWindow* window_ = nullptr;
    QTemporaryDir tmp_;

    const SeriesEntry& current() {
        for (const SeriesEntry& s : window_->loader()->index().series)
            if (QString::fromStdString(s.uid) == window_->loader()->currentUid()) return s;
        qFatal("no current series");
    }

    // Exports and waits; the message of exportFailed, or "" after `exported`.
    QString exportInto(const QString& folder, const SeriesExport::Options& options, int* files = nullptr) {
        QSignalSpy done(window_->exportSeries(), &ExportSeriesActions::exported);
        QSignalSpy failed(window_->exportSeries(), &ExportSeriesActions::exportFailed);
        if (window_->exportSeries()->exportTo(folder, options)) {
            QElapsedTimer clock;
            clock.start();
            while (done.isEmpty() && failed.isEmpty() && clock.elapsed() < 60000)
                QTest::qWait(20);
            if (done.isEmpty() && failed.isEmpty()) return QStringLiteral("timed out");
        }
        if (!failed.isEmpty()) return failed.first().first().toString();
        if (files) *files = done.first().at(1).toInt();
        return {};
    }

  private slots:
    void initTestCase() {
        qInstallMessageHandler(collect);
        QCoreApplication::setOrganizationName(QStringLiteral("cadview-tests"));
        window_ = new MainWindow;
        window_->labelFiles()->setPrompts(false);
        window_->show();
        QSignalSpy loaded(window_->loader(), &StudyLoader::loaded);
        window_->openPaths({kChestCt});
        QVERIFY(loaded.wait(60000));
    }
    void cleanupTestCase() {
        delete window_;
        qInstallMessageHandler(nullptr);
        for (const QString& m : messages)
            QVERIFY2(!m.contains(QStringLiteral("Lung_Dx-A0001")),
                     qPrintable(m));  // the chest CT's name and ID
    }

    void deidentifiedByDefault() {
        const SeriesEntry& original = current();
        QVERIFY(!original.patientName.empty());
        const QString folder = tmp_.filePath(QStringLiteral("deid"));
        int files = 0;
        QCOMPARE(exportInto(folder, SeriesExport::Options{}, &files), QString());
        QCOMPARE(std::size_t(files), original.instances.size());
        const QStringList names = QDir(folder).entryList(QDir::Files, QDir::Name);
        QCOMPARE(names.size(), files);
        QCOMPARE(names.first(), QStringLiteral("IM00001.dcm"));

        std::set<std::string> studies, series;
        for (const QString& n : names) {
            const std::string bytes = fileBytes(QDir(folder).filePath(n));
            QVERIFY2(bytes.find(original.patientName) == std::string::npos, qPrintable(n));
            if (original.patientId.size() > 3) QVERIFY(bytes.find(original.patientId) == std::string::npos);
            QVERIFY(bytes.find(original.studyUid) == std::string::npos);
            Diagnostic problem;
            const auto header = DicomHeaderReader::read(QDir(folder).filePath(n).toStdString(), problem);
            QVERIFY(header);
            QCOMPARE(QString::fromStdString(header->patientName), QStringLiteral("ANONYMOUS"));
            QVERIFY(QString::fromStdString(header->studyUid).startsWith(QStringLiteral("2.25.")));
            studies.insert(header->studyUid);
            series.insert(header->seriesUid);
        }
        QCOMPARE(studies.size(), std::size_t(1));  // UIDs replaced consistently: one study, one series
        QCOMPARE(series.size(), std::size_t(1));

        // Loaded again, the export has the same voxels on the same grid.
        JobContext job;
        const StudyIndex index = StudyIndexer::index({folder.toStdString()}, job);
        QCOMPARE(index.series.size(), std::size_t(1));
        const Volume exported = VolumeLoader::load(index.series.front(), {}, job);
        const Volume& shown = *window_->session()->volume();
        QCOMPARE(exported.geometry().size, shown.geometry().size);
        for (int a = 0; a < 3; ++a)
            QVERIFY(std::abs(exported.geometry().origin[a] - shown.geometry().origin[a]) < 1e-4);
        QCOMPARE(exported.bytes(), shown.bytes());
        QVERIFY(std::memcmp(exported.data(), shown.data(), shown.bytes()) == 0);
    }

    void copiedUnchangedWhenAsked() {
        const SeriesEntry& original = current();
        SeriesExport::Options plain;
        plain.deidentify.reset();
        const QString folder = tmp_.filePath(QStringLiteral("copy"));
        QCOMPARE(exportInto(folder, plain), QString());
        std::set<std::string> originals, copies;
        for (const DicomInstance& i : original.instances)
            originals.insert(fileBytes(QString::fromStdString(i.path)));
        for (const QString& n : QDir(folder).entryList(QDir::Files))
            copies.insert(fileBytes(QDir(folder).filePath(n)));
        QVERIFY(originals == copies);
    }

    void aFolderWithFilesIsRefused() {
        const QString folder = tmp_.filePath(QStringLiteral("copy"));  // holds the copies by now
        const QString message = exportInto(folder, SeriesExport::Options{});
        QVERIFY2(message.endsWith(QStringLiteral("choose a new or empty folder")), qPrintable(message));
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), int(current().instances.size()));
    }

    void theDialogChoicesReachTheExport() {
        QString folder;
        SeriesExport::Options options;
        QTimer::singleShot(0, this, [this] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            const auto edits = dialog->findChildren<QLineEdit*>();
            QCOMPARE(edits.size(), 4);  // folder, name, ID, key
            edits[0]->setText(tmp_.filePath(QStringLiteral("dialog")));
            edits[1]->setText(QStringLiteral("STUDY^A"));
            edits[2]->setText(QStringLiteral("A-001"));
            dialog->accept();
        });
        QVERIFY(window_->exportSeries()->ask(&folder, &options));
        QCOMPARE(folder, tmp_.filePath(QStringLiteral("dialog")));
        QVERIFY(options.deidentify);
        QCOMPARE(QString::fromStdString(options.deidentify->patientName), QStringLiteral("STUDY^A"));
        QCOMPARE(QString::fromStdString(options.deidentify->patientId), QStringLiteral("A-001"));

        QTimer::singleShot(0, this, [] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QCheckBox*>()->setChecked(false);
            dialog->findChildren<QLineEdit*>()[0]->setText(QStringLiteral("/tmp/somewhere"));
            dialog->accept();
        });
        QVERIFY(window_->exportSeries()->ask(&folder, &options));
        QVERIFY(!options.deidentify);
    }

    void aNonDicomImageIsRefused() {
        QSignalSpy loaded(window_->loader(), &StudyLoader::loaded);
        window_->openPaths({kData + QStringLiteral("/mr_brain_tumor_nrrd/brain1_image.nrrd")});
        QVERIFY(loaded.wait(60000));
        const QString message = exportInto(tmp_.filePath(QStringLiteral("nrrd")), SeriesExport::Options{});
        QVERIFY2(message.startsWith(QStringLiteral("Open a DICOM series first")), qPrintable(message));
    }
};

}  // namespace

QTEST_MAIN(ExportSeriesTest)
#include "ExportSeriesTest.moc"
