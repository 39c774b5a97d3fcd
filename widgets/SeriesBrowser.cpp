#include "SeriesBrowser.h"

#include <QDate>
#include <QHeaderView>
#include <QMap>

namespace cadview {

namespace {
constexpr int kUidRole = Qt::UserRole + 1;

QString dicomDate(const std::string& yyyymmdd) {
    const QDate d = QDate::fromString(QString::fromStdString(yyyymmdd), QStringLiteral("yyyyMMdd"));
    return d.isValid() ? QLocale().toString(d, QLocale::ShortFormat) : QString::fromStdString(yyyymmdd);
}
}  // namespace

SeriesBrowser::SeriesBrowser(QWidget* parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("seriesBrowser"));
    setHeaderLabels({tr("Description"), tr("Modality"), tr("Date"), tr("Images")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString uid = item->data(0, kUidRole).toString();
        if (!uid.isEmpty()) emit seriesActivated(uid);
    });
}

void SeriesBrowser::setIndex(const StudyIndex& index, bool hidePatientNames) {
    clear();
    uids_.clear();
    QMap<QString, QTreeWidgetItem*> patients, studies;
    int patientNumber = 0;
    for (const SeriesEntry& s : index.series) {
        const QString uid = QString::fromStdString(s.uid);
        uids_.push_back(uid);
        QTreeWidgetItem* parentItem = nullptr;
        if (s.kind == SeriesEntry::Kind::DicomSeries) {
            const QString patientKey = QString::fromStdString(s.patientId + "|" + s.patientName);
            QTreeWidgetItem*& patient = patients[patientKey];
            if (!patient) {
                ++patientNumber;
                QString name = QString::fromStdString(s.patientName)
                                   .replace(QLatin1Char('^'), QLatin1Char(' '))
                                   .trimmed();
                if (hidePatientNames || name.isEmpty()) name = tr("Patient %1").arg(patientNumber);
                patient = new QTreeWidgetItem(this, {name});
                patient->setExpanded(true);
            }
            QTreeWidgetItem*& study = studies[QString::fromStdString(s.studyUid)];
            if (!study) {
                const QString desc =
                    s.studyDescription.empty() ? tr("Study") : QString::fromStdString(s.studyDescription);
                study = new QTreeWidgetItem(patient, {desc, QString(), dicomDate(s.studyDate)});
                study->setExpanded(true);
            }
            parentItem = study;
        }
        QString desc = QString::fromStdString(s.seriesDescription);
        if (desc.isEmpty())
            desc = s.seriesNumber ? tr("Series %1").arg(s.seriesNumber) : tr("(no description)");
        const QStringList cols{desc, QString::fromStdString(s.modality), dicomDate(s.studyDate),
                               QString::number(qulonglong(s.imageCount()))};
        auto* item = parentItem ? new QTreeWidgetItem(parentItem, cols) : new QTreeWidgetItem(this, cols);
        item->setData(0, kUidRole, uid);
        item->setToolTip(0, uid);
    }
}

void SeriesBrowser::markCurrent(const QString& uid) {
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const bool current = (*it)->data(0, kUidRole).toString() == uid && !uid.isEmpty();
        QFont f = (*it)->font(0);
        f.setBold(current);
        for (int c = 0; c < columnCount(); ++c)
            (*it)->setFont(c, f);
        if (current) setCurrentItem(*it);
    }
}

}  // namespace cadview
