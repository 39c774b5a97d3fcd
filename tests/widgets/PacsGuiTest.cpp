// The PACS in the viewer against a real Orthanc (tests/pacs/OrthancServer; skipped when Orthanc is not
// installed): nodes in Edit > Preferences > PACS with C-ECHO (success, a closed port within 5 s, a bad AE
// title refused), the Query PACS dialog driven field by field (search, the study's series, C-GET of the
// head CT into the store and opened in the window; a retrieve cancelled midway leaves nothing), and the
// label map sent as DICOM SEG and the AI overlay as Secondary Capture, checked through Orthanc's REST API.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "LabelFileActions.h"
#include "MainWindow.h"
#include "OrthancServer.h"
#include "PacsActions.h"
#include "PacsNodeDialog.h"
#include "PacsNodesPage.h"
#include "PacsQueryDialog.h"
#include "PacsSettings.h"
#include "PacsTestData.h"
#include "PreferencesDialog.h"
#include "Session.h"
#include "StudyLoader.h"
#include "jobs/JobContext.h"
#include "pacs/PacsSender.h"

using namespace cadview;
using cadview::test::OrthancServer;

namespace {

const QString kNode = QStringLiteral("Orthanc test");
const QString kChestCt =
    QStringLiteral(CADVIEW_TEST_DATA) + QStringLiteral("/ct_chest_lung_petct/A0001_lung_kernel");

int filesUnder(const QString& folder) {
    int n = 0;
    if (!QFileInfo::exists(folder)) return 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder.toStdString()))
        if (e.is_regular_file()) ++n;
    return n;
}

class PacsGuiTest : public QObject {
    Q_OBJECT

    std::unique_ptr<OrthancServer> server_;
    MainWindow* window_ = nullptr;
    QTemporaryDir tmp_;

    PacsActions* pacs() { return window_->findChild<PacsActions*>(); }

    // Every instance on Orthanc as its simplified tags.
    std::vector<nlohmann::json> instanceTags() {
        std::vector<nlohmann::json> out;
        for (const auto& id : nlohmann::json::parse(server_->get("/instances")))
            out.push_back(nlohmann::json::parse(
                server_->get("/instances/" + id.get<std::string>() + "/tags?simplify")));
        return out;
    }

    // Searches, selects the one study and, when `series`, its one series.
    void findHeadCt(PacsQueryDialog* dialog, bool series) {
        dialog->reloadNodes();
        dialog->nodeBox()->setCurrentText(kNode);
        dialog->patientNameEdit()->clear();
        dialog->modalityBox()->setCurrentText(QStringLiteral("CT"));
        QSignalSpy searched(dialog, &PacsQueryDialog::searched);
        QSignalSpy failed(dialog, &PacsQueryDialog::failed);
        QVERIFY(dialog->search());
        QVERIFY2(searched.wait(15000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(searched.first().first().toInt(), 1);
        QTreeWidget* studies = dialog->studyList();
        QCOMPARE(studies->topLevelItemCount(), 1);
        QCOMPARE(studies->topLevelItem(0)->text(6), QStringLiteral("28"));
        QSignalSpy listed(dialog, &PacsQueryDialog::seriesListed);
        studies->setCurrentItem(studies->topLevelItem(0));  // selecting lists the series
        QVERIFY(listed.wait(15000));
        QCOMPARE(dialog->seriesList()->topLevelItemCount(), 1);
        QCOMPARE(dialog->seriesList()->topLevelItem(0)->text(3), QStringLiteral("28"));
        if (series) dialog->seriesList()->setCurrentItem(dialog->seriesList()->topLevelItem(0));
    }

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("cadview-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("PacsGuiTest"));
        if (!OrthancServer::installed())
            QSKIP("/usr/sbin/Orthanc is not installed (apt-get install orthanc)");
        QSettings().remove(QStringLiteral("pacs"));
        server_ = std::make_unique<OrthancServer>();
        DicomNode node;
        node.aeTitle = OrthancServer::kAeTitle;
        node.host = "127.0.0.1";
        node.port = server_->dicomPort();
        node.callingAeTitle = OrthancServer::kOurAeTitle;
        JobContext job;
        const PacsSender::Result sent = PacsSender(node).send({test::kHeadCt}, job);
        QCOMPARE(int(sent.sent), 28);
        PacsSettings::Node n;
        n.name = kNode;
        n.aeTitle = QString::fromLatin1(OrthancServer::kAeTitle);
        n.host = QStringLiteral("127.0.0.1");
        n.port = server_->dicomPort();
        n.dicomWebUrl = QStringLiteral("http://127.0.0.1:%1/dicom-web").arg(server_->httpPort());
        PacsSettings::setNodes({n});
        PacsSettings::setCallingAeTitle(QString::fromLatin1(OrthancServer::kOurAeTitle));
        PacsSettings::setMovePort(server_->movePort());
        window_ = new MainWindow;
        window_->labelFiles()->setPrompts(false);
        window_->show();
        QVERIFY(pacs());
    }
    void cleanupTestCase() {
        delete window_;
        server_.reset();
        QSettings().remove(QStringLiteral("pacs"));
    }

    void verifyEchoInPreferences() {
        PreferencesDialog dialog(window_);
        PacsNodesPage* page = dialog.pacsPage();
        QCOMPARE(page->table()->rowCount(), 1);
        QCOMPARE(page->table()->item(0, 0)->text(), kNode);
        QSignalSpy verified(page, &PacsNodesPage::verified);
        QVERIFY(page->verify(0));
        QVERIFY(verified.wait(10000));
        QVERIFY2(verified.first().at(0).toBool(), qPrintable(verified.first().at(1).toString()));
        QVERIFY(page->verifyResult()->text().contains(QStringLiteral("C-ECHO succeeded")));

        // A closed port: the client's error, well within 5 s.
        PacsSettings::Node closed;
        closed.name = QStringLiteral("closed");
        closed.aeTitle = QStringLiteral("NOBODY");
        closed.host = QStringLiteral("127.0.0.1");
        closed.port = OrthancServer::freePort();
        page->addNode(closed);
        QCOMPARE(page->table()->rowCount(), 2);
        verified.clear();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(page->verify(1));
        QVERIFY(verified.wait(10000));
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(!verified.first().at(0).toBool());
        const QString error = page->verifyResult()->text();
        QVERIFY2(error.contains(QString::number(closed.port)) && error.contains(QStringLiteral("refused")),
                 qPrintable(error));

        // A bad AE title is refused with the reason; so is a bad calling AE title; nothing stored then.
        PacsSettings::Node bad = closed;
        bad.aeTitle = QStringLiteral("THIS AE TITLE IS FAR TOO LONG");
        PacsNodeDialog nodeDialog(bad, PacsSettings::callingAeTitle());
        nodeDialog.tryAccept();
        QCOMPARE(nodeDialog.result(), int(QDialog::Rejected));
        QVERIFY(!nodeDialog.findChild<QLabel*>(QStringLiteral("nodeError"))->text().isEmpty());
        page->callingAeTitleEdit()->setText(QStringLiteral("BAD\\AE"));
        QVERIFY(!page->apply().isEmpty());
        QCOMPARE(PacsSettings::nodes().size(), 1);
        page->callingAeTitleEdit()->setText(QString::fromLatin1(OrthancServer::kOurAeTitle));
        page->removeNode(1);
        QVERIFY(page->apply().isEmpty());
        QCOMPARE(PacsSettings::nodes().size(), 1);
        QCOMPARE(PacsSettings::nodes().first().port, server_->dicomPort());
    }

    void unreachableNodeFailsInTheDialog() {
        QList<PacsSettings::Node> nodes = PacsSettings::nodes();
        PacsSettings::Node closed = nodes.first();
        closed.name = QStringLiteral("closed");
        closed.port = OrthancServer::freePort();
        PacsSettings::setNodes(nodes + QList<PacsSettings::Node>{closed});
        PacsQueryDialog* dialog = pacs()->queryDialog();
        dialog->reloadNodes();
        dialog->nodeBox()->setCurrentText(closed.name);
        QSignalSpy failed(dialog, &PacsQueryDialog::failed);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(dialog->search());
        QVERIFY(failed.wait(10000));
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(dialog->statusLabel()->text().contains(QString::number(closed.port)));
        PacsSettings::setNodes(nodes);
    }

    void cancelledRetrieveLeavesNothing() {
        const QString store = tmp_.path() + QStringLiteral("/cancelled-store");
        qputenv("CADVIEW_PACS_STORE", store.toUtf8());
        PacsQueryDialog* dialog = pacs()->queryDialog();
        findHeadCt(dialog, true);
        QSignalSpy cancelled(dialog, &PacsQueryDialog::cancelled);
        QSignalSpy retrieved(dialog, &PacsQueryDialog::retrieved);
        connect(dialog, &PacsQueryDialog::retrieveProgress, dialog, &PacsQueryDialog::cancel,
                Qt::SingleShotConnection);
        QVERIFY(dialog->retrieve());
        QVERIFY(cancelled.wait(30000));
        QVERIFY(retrieved.isEmpty());
        QTRY_VERIFY(!dialog->busy());
        QCOMPARE(filesUnder(store), 0);
    }

    void queryAndRetrieveOpensTheSeries() {
        const QString store = tmp_.path() + QStringLiteral("/store");
        qputenv("CADVIEW_PACS_STORE", store.toUtf8());
        PacsQueryDialog* dialog = pacs()->queryDialog();
        findHeadCt(dialog, true);
        QSignalSpy retrieved(dialog, &PacsQueryDialog::retrieved);
        QSignalSpy progress(dialog, &PacsQueryDialog::retrieveProgress);
        QSignalSpy failed(dialog, &PacsQueryDialog::failed);
        QSignalSpy loaded(window_->loader(), &StudyLoader::loaded);
        QVERIFY(dialog->retrieve());
        QVERIFY2(retrieved.wait(60000),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(progress.last().at(0).toLongLong(), 28);
        QCOMPARE(progress.last().at(1).toLongLong(), 28);
        const QString series = QString::fromStdString(test::kHeadSeriesUid);
        QCOMPARE(retrieved.first().at(1).toString(), series);
        QCOMPARE(filesUnder(store), 28);
        QVERIFY(loaded.wait(60000));
        QVERIFY(window_->session()->hasImage());
        QCOMPARE(QString::fromStdString(window_->session()->volume()->info().uid), series);
        const StudyIndex& index = window_->loader()->index();
        QCOMPARE(int(index.series.size()), 1);
        QCOMPARE(QString::fromStdString(index.series.front().uid), series);
        QCOMPARE(int(index.series.front().imageCount()), 28);
    }

    void moveAndDicomWebRetrieve() {
        PacsQueryDialog* dialog = pacs()->queryDialog();
        const auto retrieveInto = [&](const QString& store) {
            qputenv("CADVIEW_PACS_STORE", store.toUtf8());
            QSignalSpy retrieved(dialog, &PacsQueryDialog::retrieved);
            QSignalSpy failed(dialog, &PacsQueryDialog::failed);
            QSignalSpy loaded(window_->loader(), &StudyLoader::loaded);
            QVERIFY(dialog->retrieve());
            QVERIFY2(retrieved.wait(60000),
                     failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
            QCOMPARE(filesUnder(store), 28);
            QVERIFY(loaded.wait(60000));
        };
        // C-MOVE to our storage SCP on the receive port of the settings.
        findHeadCt(dialog, true);
        dialog->moveBox()->setChecked(true);
        retrieveInto(tmp_.path() + QStringLiteral("/move-store"));
        dialog->moveBox()->setChecked(false);
        // DICOMweb: QIDO-RS search and WADO-RS retrieve of the whole study.
        QVERIFY(dialog->dicomWebBox()->isEnabled());
        dialog->dicomWebBox()->setChecked(true);
        findHeadCt(dialog, false);
        retrieveInto(tmp_.path() + QStringLiteral("/web-store"));
        dialog->dicomWebBox()->setChecked(false);
    }

    void sendLabelMapAndAiOverlay() {
        QSignalSpy loaded(window_->loader(), &StudyLoader::loaded);
        window_->openPaths({kChestCt});
        QVERIFY(loaded.wait(60000));
        Session* session = window_->session();
        const std::string seriesUid = session->volume()->info().uid;
        QSignalSpy sent(pacs(), &PacsActions::sent);
        QSignalSpy failed(pacs(), &PacsActions::sendFailed);

        // Nothing painted yet: refused with a message.
        QVERIFY(!pacs()->sendLabelMap(kNode));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("empty")));
        failed.clear();

        const ImageGeometry& g = session->volume()->geometry();
        auto labels = std::make_shared<Volume>(g, PixelType::UInt8);
        std::memset(labels->data(), 0, labels->bytes());
        for (std::size_t z = 10; z < 12; ++z)
            for (std::size_t y = 100; y < 140; ++y)
                for (std::size_t x = 100; x < 140; ++x)
                    labels->as<std::uint8_t>()[(z * g.size[1] + y) * g.size[0] + x] = 1;
        QVERIFY(session->setOverlay(labels));
        QVERIFY(pacs()->sendLabelMap(kNode));
        QVERIFY2(sent.wait(60000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        // The AI mask of a model on three slices, sent as Secondary Capture images.
        auto mask = std::make_shared<Volume>(g, PixelType::UInt8);
        std::memset(mask->data(), 0, mask->bytes());
        for (std::size_t z = 20; z < 23; ++z)
            for (std::size_t y = 200; y < 230; ++y)
                for (std::size_t x = 200; x < 230; ++x)
                    mask->as<std::uint8_t>()[(z * g.size[1] + y) * g.size[0] + x] = 1;
        InferenceResult result;
        result.modelName = "lesion-test";
        result.modelVersion = "0.3";
        result.labels = mask;
        ModelManifest manifest;
        manifest.labels = {{1, "lesion", {255, 40, 40}, 0.5}};
        QVERIFY(session->setAiResult(result, manifest));
        sent.clear();
        QVERIFY(pacs()->sendAiOverlay(kNode));
        QVERIFY2(sent.wait(60000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        int segs = 0, scs = 0;
        for (const nlohmann::json& tags : instanceTags()) {
            const std::string modality = tags.value("Modality", "");
            if (modality == "SEG") {
                ++segs;
                QCOMPARE(
                    QString::fromStdString(
                        tags.at("ReferencedSeriesSequence").at(0).at("SeriesInstanceUID").get<std::string>()),
                    QString::fromStdString(seriesUid));
            } else if (modality == "OT") {
                ++scs;
                QCOMPARE(QString::fromStdString(tags.value("BurnedInAnnotation", "")), QStringLiteral("YES"));
                QVERIFY(tags.value("ImageComments", "").find("AI-generated by lesion-test 0.3") !=
                        std::string::npos);
                QVERIFY(tags.value("SeriesDescription", "").find("not for diagnostic use") !=
                        std::string::npos);
                QCOMPARE(tags.value("SOPClassUID", ""), std::string("1.2.840.10008.5.1.4.1.1.7"));
            }
        }
        QCOMPARE(segs, 1);
        QCOMPARE(scs, 3);
    }
};

}  // namespace

QTEST_MAIN(PacsGuiTest)
#include "PacsGuiTest.moc"
