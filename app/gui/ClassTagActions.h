#pragma once

#include <QObject>
#include <QString>

#include "training/ClassTags.h"

class QMenu;
class QWidget;

namespace cadview {

class BackgroundJob;
class Session;
class StudyLoader;

// Folder labelling: the annotator tags the open image or series with a class name (Dataset > Tag As,
// Ctrl+T), and exports every tagged image as a folder-labelled dataset (one sub-folder per class) that
// `cadview-cli train` reads. Tags are kept in a JSON file (CADVIEW_TAGS_FILE, or class-tags.json in the
// application data folder), so they build up over sessions.
class ClassTagActions : public QObject {
    Q_OBJECT
  public:
    ClassTagActions(QWidget* window, Session* session, StudyLoader* loader, const QString& tagsFile);

    static QString defaultTagsFile();
    void addMenu(QMenu* menu);

    const ClassTags& tags() const { return tags_; }
    // Tags the open image with `className` and saves the tag file. Returns false with `error` set.
    bool tagCurrent(const QString& className, QString* error = nullptr);
    bool untagCurrent();
    // Exports in the background; `exported` or `exportFailed` follows.
    bool exportTo(const QString& dir);

  signals:
    void tagged(const QString& className);
    void exported(const QString& dir, int images);
    void exportFailed(const QString& message);

  private:
    void askAndTag();
    QString currentUid() const;

    QWidget* window_;
    Session* session_;
    StudyLoader* loader_;
    QString tagsFile_;
    ClassTags tags_;
    BackgroundJob* job_ = nullptr;
};

}  // namespace cadview
