#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <mutex>

#include "inference/ModelRegistry.h"

namespace cadview {

class BackgroundJob;
class ModelRunner;
class Session;

// Runs models on the open study for the GUI: finds them (bundled and user folders), runs one as a
// background job (LibTorch is loaded on the worker thread when the first model runs; a model stays
// loaded and warm for the next run), and hands the result to the session as a preview.
class ModelController : public QObject {
    Q_OBJECT
  public:
    explicit ModelController(Session* session, QObject* parent = nullptr);
    ~ModelController() override;

    // Folders searched after the bundled one (the "models/directories" setting).
    void setUserDirectories(const QStringList& dirs);
    const ModelRegistry& registry() const { return registry_; }
    void rescan();

    void run(const QString& modelName);
    void cancel();
    bool busy() const;

  signals:
    void modelsChanged();
    void busyChanged(bool busy);
    void progress(const QString& text, int percent);
    void finished(const QString& modelName, double seconds);
    void failed(const QString& message);

  private:
    Session* session_;
    QStringList userDirs_;
    ModelRegistry registry_;
    QPointer<BackgroundJob> job_;
    // Loaded models, reused across runs; only touched by the (single) running job.
    std::shared_ptr<std::map<std::string, std::shared_ptr<ModelRunner>>> runners_;
    std::shared_ptr<std::mutex> runnersMutex_;
};

}  // namespace cadview
