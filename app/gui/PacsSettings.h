#pragma once

#include <QList>
#include <QString>

#include "pacs/DicomNode.h"

namespace cadview {

// The DICOM nodes cadview talks to and our own side of the conversation, kept in the settings (group
// "pacs"): each node's name, AE title, host, port and optional DICOMweb URL; our calling AE title and the
// port our storage SCP listens on during a C-MOVE; the local store retrieved studies go to.
class PacsSettings {
  public:
    struct Node {
        QString name;
        QString aeTitle;
        QString host;
        int port = 104;
        QString dicomWebUrl;  // optional, e.g. http://pacs:8042/dicom-web
    };

    static QList<Node> nodes();
    static void setNodes(const QList<Node>& nodes);
    // The node called `name`, or one with an empty name when there is none.
    static Node node(const QString& name);

    static QString callingAeTitle();  // default CADVIEW
    static void setCallingAeTitle(const QString& title);
    static int movePort();  // default 11112
    static void setMovePort(int port);

    // Where retrieved studies are stored: $CADVIEW_PACS_STORE, else the application data folder + /pacs.
    static QString storeFolder();

    // The node as core/pacs takes it, with our calling AE title.
    static DicomNode dicomNode(const Node& node);
    // Empty when `node` can be used (DicomNode::validationError, a name, a DICOMweb URL that is http(s)).
    static QString validationError(const Node& node, const QString& callingAeTitle);
};

}  // namespace cadview
