#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <string>
#include <vector>

class QMenu;

namespace cadview {

class BackgroundJob;
class MainWindow;
class PacsQueryDialog;
struct SeriesEntry;

// The PACS in the File menu: "Query PACS…" (the query/retrieve dialog; a retrieved series or study is
// opened in the window) and "Send to PACS" (the label map as DICOM SEG, the AI overlay as Secondary
// Capture images), written into a temporary folder and sent by C-STORE on a worker thread.
class PacsActions : public QObject {
    Q_OBJECT
  public:
    explicit PacsActions(MainWindow* window);

    void addTo(QMenu* file);
    // The query dialog (created on first use).
    PacsQueryDialog* queryDialog();

    // Each sends to the node named so in the settings; false (with `sendFailed`) when it cannot start.
    bool sendLabelMap(const QString& nodeName);
    bool sendAiOverlay(const QString& nodeName);
    bool busy() const { return job_ != nullptr; }

  signals:
    void sent(const QString& message);
    void sendFailed(const QString& message);

  private:
    using Writer = std::function<std::vector<std::string>(const std::string& folder)>;
    // Asks for the node when there are several; "" when the user cancels or there is none.
    QString chooseNode();
    // The next `sendFailed` is shown in a message box.
    void tellFailure();
    // The open series when it is a DICOM series, else nullptr.
    const SeriesEntry* dicomSeries() const;
    bool startSend(const QString& nodeName, Writer write, const QString& what);

    MainWindow* window_;
    PacsQueryDialog* dialog_ = nullptr;
    BackgroundJob* job_ = nullptr;
};

}  // namespace cadview
