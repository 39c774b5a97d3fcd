#include "PacsSettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace cadview {

namespace {
const QString kGroup = QStringLiteral("pacs");
}

QList<PacsSettings::Node> PacsSettings::nodes() {
    QSettings settings;
    settings.beginGroup(kGroup);
    QList<Node> list;
    const int n = settings.beginReadArray(QStringLiteral("nodes"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        Node node;
        node.name = settings.value(QStringLiteral("name")).toString();
        node.aeTitle = settings.value(QStringLiteral("aeTitle")).toString();
        node.host = settings.value(QStringLiteral("host")).toString();
        node.port = settings.value(QStringLiteral("port"), 104).toInt();
        node.dicomWebUrl = settings.value(QStringLiteral("dicomWebUrl")).toString();
        list.append(node);
    }
    settings.endArray();
    return list;
}

void PacsSettings::setNodes(const QList<Node>& nodes) {
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.remove(QStringLiteral("nodes"));
    settings.beginWriteArray(QStringLiteral("nodes"), int(nodes.size()));
    for (int i = 0; i < nodes.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), nodes[i].name);
        settings.setValue(QStringLiteral("aeTitle"), nodes[i].aeTitle);
        settings.setValue(QStringLiteral("host"), nodes[i].host);
        settings.setValue(QStringLiteral("port"), nodes[i].port);
        settings.setValue(QStringLiteral("dicomWebUrl"), nodes[i].dicomWebUrl);
    }
    settings.endArray();
}

PacsSettings::Node PacsSettings::node(const QString& name) {
    for (const Node& n : nodes())
        if (n.name == name) return n;
    return {};
}

QString PacsSettings::callingAeTitle() {
    return QSettings()
        .value(kGroup + QStringLiteral("/callingAeTitle"), QStringLiteral("CADVIEW"))
        .toString();
}

void PacsSettings::setCallingAeTitle(const QString& title) {
    QSettings().setValue(kGroup + QStringLiteral("/callingAeTitle"), title);
}

int PacsSettings::movePort() {
    return QSettings().value(kGroup + QStringLiteral("/movePort"), 11112).toInt();
}

void PacsSettings::setMovePort(int port) {
    QSettings().setValue(kGroup + QStringLiteral("/movePort"), port);
}

QString PacsSettings::storeFolder() {
    const QString env = qEnvironmentVariable("CADVIEW_PACS_STORE");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/pacs");
}

DicomNode PacsSettings::dicomNode(const Node& node) {
    DicomNode n;
    n.aeTitle = node.aeTitle.toStdString();
    n.host = node.host.toStdString();
    n.port = node.port;
    n.callingAeTitle = callingAeTitle().toStdString();
    return n;
}

QString PacsSettings::validationError(const Node& node, const QString& callingAeTitle) {
    if (node.name.trimmed().isEmpty())
        return QCoreApplication::translate("PacsSettings", "Give the node a name.");
    DicomNode n = dicomNode(node);
    n.callingAeTitle = callingAeTitle.toStdString();
    const std::string error = n.validationError();
    if (!error.empty()) return QString::fromStdString(error);
    const QString url = node.dicomWebUrl.trimmed();
    if (!url.isEmpty() && !url.startsWith(QLatin1String("http://")) &&
        !url.startsWith(QLatin1String("https://")))
        return QCoreApplication::translate("PacsSettings",
                                           "The DICOMweb URL must start with http:// or https:// (%1).")
            .arg(url);
    return {};
}

}  // namespace cadview
