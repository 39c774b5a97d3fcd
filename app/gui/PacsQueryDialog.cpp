#include "PacsQueryDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

#include "BackgroundJob.h"
#include "PacsSettings.h"
#include "pacs/DicomWebClient.h"
#include "pacs/PacsClient.h"

namespace cadview {

namespace {

QString dicomDate(const std::string& date) {
    if (date.size() != 8) return QString::fromStdString(date);
    return QString::fromStdString(date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2));
}

QString count(int n) {
    return n < 0 ? QString() : QString::number(n);
}

QTreeWidget* newList(const QStringList& headers, const QString& name, QWidget* parent) {
    auto* list = new QTreeWidget(parent);
    list->setObjectName(name);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    return list;
}

}  // namespace

PacsQueryDialog::PacsQueryDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Query PACS"));
    node_ = new QComboBox(this);
    node_->setObjectName(QStringLiteral("node"));
    dicomWeb_ = new QCheckBox(tr("Use DICOM&web"), this);
    dicomWeb_->setObjectName(QStringLiteral("dicomWeb"));
    connect(node_, &QComboBox::currentIndexChanged, this, &PacsQueryDialog::nodeChanged);
    patientName_ = new QLineEdit(this);
    patientName_->setObjectName(QStringLiteral("patientName"));
    patientName_->setPlaceholderText(tr("e.g. DOE* (* any text, ? one character)"));
    patientId_ = new QLineEdit(this);
    patientId_->setObjectName(QStringLiteral("patientId"));
    dateFrom_ = new QLineEdit(this);
    dateFrom_->setObjectName(QStringLiteral("dateFrom"));
    dateTo_ = new QLineEdit(this);
    dateTo_->setObjectName(QStringLiteral("dateTo"));
    for (QLineEdit* e : {dateFrom_, dateTo_})
        e->setPlaceholderText(tr("YYYYMMDD"));
    modality_ = new QComboBox(this);
    modality_->setObjectName(QStringLiteral("modality"));
    modality_->setEditable(true);
    modality_->addItems({QString(), QStringLiteral("CT"), QStringLiteral("MR"), QStringLiteral("CR"),
                         QStringLiteral("DX"), QStringLiteral("US"), QStringLiteral("PT"),
                         QStringLiteral("NM"), QStringLiteral("MG"), QStringLiteral("XA"),
                         QStringLiteral("SEG"), QStringLiteral("OT")});
    searchButton_ = new QPushButton(tr("&Search"), this);
    searchButton_->setObjectName(QStringLiteral("search"));
    searchButton_->setDefault(true);
    connect(searchButton_, &QPushButton::clicked, this, &PacsQueryDialog::search);
    auto* nodeRow = new QHBoxLayout;
    nodeRow->addWidget(node_, 1);
    nodeRow->addWidget(dicomWeb_);
    auto* dates = new QHBoxLayout;
    dates->addWidget(dateFrom_);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(dateTo_);
    auto* form = new QFormLayout;
    form->addRow(tr("&Node:"), nodeRow);
    form->addRow(tr("Patient &name:"), patientName_);
    form->addRow(tr("Patient &ID:"), patientId_);
    form->addRow(tr("Study &date from:"), dates);
    form->addRow(tr("&Modality:"), modality_);
    form->addRow(searchButton_);

    studies_ = newList({tr("Patient name"), tr("Patient ID"), tr("Date"), tr("Description"), tr("Modalities"),
                        tr("Series"), tr("Images")},
                       QStringLiteral("studies"), this);
    connect(studies_, &QTreeWidget::itemSelectionChanged, this, [this] {
        // The series shown always belong to the selected study.
        seriesRecords_.clear();
        showSeries();
        const auto items = studies_->selectedItems();
        if (!items.isEmpty() && !job_) selectStudy(studies_->indexOfTopLevelItem(items.first()));
    });
    series_ = newList({tr("Number"), tr("Modality"), tr("Description"), tr("Images")},
                      QStringLiteral("series"), this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(studies_);
    splitter->addWidget(series_);

    move_ = new QCheckBox(tr("Retrieve by C-&MOVE (instead of C-GET)"), this);
    move_->setObjectName(QStringLiteral("move"));
    retrieveButton_ = new QPushButton(tr("&Retrieve"), this);
    retrieveButton_->setObjectName(QStringLiteral("retrieve"));
    connect(retrieveButton_, &QPushButton::clicked, this, &PacsQueryDialog::retrieve);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(QStringLiteral("cancel"));
    cancelButton_->setEnabled(false);
    connect(cancelButton_, &QPushButton::clicked, this, &PacsQueryDialog::cancel);
    auto* close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    progress_ = new QProgressBar(this);
    progress_->setVisible(false);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* actions = new QHBoxLayout;
    actions->addWidget(move_);
    actions->addStretch();
    actions->addWidget(retrieveButton_);
    actions->addWidget(cancelButton_);
    actions->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addLayout(actions);
    connect(this, &PacsQueryDialog::failed, status_, &QLabel::setText);
    connect(this, &PacsQueryDialog::cancelled, status_,
            [this] { status_->setText(tr("Cancelled; nothing of it was kept.")); });
    resize(820, 600);
    reloadNodes();
}

void PacsQueryDialog::reloadNodes() {
    const QString current = node_->currentText();
    {
        const QSignalBlocker block(node_);
        node_->clear();
        for (const PacsSettings::Node& n : PacsSettings::nodes())
            node_->addItem(n.name);
        const int index = node_->findText(current);
        if (index >= 0) node_->setCurrentIndex(index);
    }
    nodeChanged();
    if (node_->count() == 0) status_->setText(tr("No PACS nodes yet: add one in Edit > Preferences > PACS."));
}

void PacsQueryDialog::nodeChanged() {
    const bool hasUrl = !PacsSettings::node(node_->currentText()).dicomWebUrl.isEmpty();
    dicomWeb_->setEnabled(hasUrl);
    if (!hasUrl) dicomWeb_->setChecked(false);
}

bool PacsQueryDialog::peerFromUi(DicomNode* node, std::string* url) {
    const PacsSettings::Node n = PacsSettings::node(node_->currentText());
    if (n.name.isEmpty()) {
        emit failed(tr("Choose a PACS node (Edit > Preferences > PACS)."));
        return false;
    }
    *url = dicomWeb_->isChecked() ? n.dicomWebUrl.toStdString() : std::string();
    QString error = PacsSettings::validationError(n, PacsSettings::callingAeTitle());
    if (!error.isEmpty()) {
        emit failed(error);
        return false;
    }
    *node = PacsSettings::dicomNode(n);
    return true;
}

void PacsQueryDialog::setBusy(bool busy) {
    searchButton_->setEnabled(!busy);
    retrieveButton_->setEnabled(!busy);
    cancelButton_->setEnabled(busy);
    progress_->setVisible(busy);
    if (busy) progress_->setRange(0, 0);
}

bool PacsQueryDialog::run(BackgroundJob* job, const QString& activity) {
    job_ = job;
    status_->setText(activity);
    connect(job_, &BackgroundJob::failed, this, &PacsQueryDialog::failed);
    connect(job_, &BackgroundJob::cancelled, this, &PacsQueryDialog::cancelled);
    connect(job_, &BackgroundJob::finished, this, [this] {
        job_->deleteLater();
        job_ = nullptr;
        setBusy(false);
    });
    setBusy(true);
    job_->start();
    return true;
}

bool PacsQueryDialog::search() {
    if (job_) return false;
    DicomNode node;
    std::string url;
    if (!peerFromUi(&node, &url)) return false;
    QueryFilter filter;
    filter.patientName = patientName_->text().trimmed().toStdString();
    filter.patientId = patientId_->text().trimmed().toStdString();
    filter.dateFrom = dateFrom_->text().trimmed().toStdString();
    filter.dateTo = dateTo_->text().trimmed().toStdString();
    filter.modality = modality_->currentText().trimmed().toUpper().toStdString();
    const std::string error = filter.validationError(QueryLevel::Study);
    if (!error.empty()) {
        emit failed(QString::fromStdString(error));
        return false;
    }
    auto found = std::make_shared<std::vector<StudyRecord>>();
    auto* job = new BackgroundJob(
        [node, url, filter, found](JobContext&) {
            *found =
                url.empty() ? PacsClient(node).findStudies(filter) : DicomWebClient(url).findStudies(filter);
        },
        this);
    connect(job, &BackgroundJob::succeeded, this, [this, found] {
        studyRecords_ = *found;
        seriesRecords_.clear();
        showStudies();
        showSeries();
        status_->setText(tr("%n study(s) found.", nullptr, int(studyRecords_.size())));
        emit searched(int(studyRecords_.size()));
    });
    return run(job, tr("Searching %1…").arg(node_->currentText()));
}

bool PacsQueryDialog::selectStudy(int row) {
    if (job_ || row < 0 || row >= int(studyRecords_.size())) return false;
    if (studies_->indexOfTopLevelItem(studies_->currentItem()) != row) {
        const QSignalBlocker block(studies_);
        studies_->setCurrentItem(studies_->topLevelItem(row));
    }
    DicomNode node;
    std::string url;
    if (!peerFromUi(&node, &url)) return false;
    QueryFilter filter;
    filter.studyUid = studyRecords_[std::size_t(row)].studyUid;
    auto found = std::make_shared<std::vector<SeriesRecord>>();
    auto* job = new BackgroundJob(
        [node, url, filter, found](JobContext&) {
            *found =
                url.empty() ? PacsClient(node).findSeries(filter) : DicomWebClient(url).findSeries(filter);
        },
        this);
    connect(job, &BackgroundJob::succeeded, this, [this, found] {
        seriesRecords_ = *found;
        showSeries();
        status_->setText(tr("%n series.", nullptr, int(seriesRecords_.size())));
        emit seriesListed(int(seriesRecords_.size()));
    });
    return run(job, tr("Listing the series…"));
}

bool PacsQueryDialog::retrieve() {
    if (job_) return false;
    const int studyRow = studies_->indexOfTopLevelItem(studies_->currentItem());
    if (studyRow < 0 || studyRow >= int(studyRecords_.size())) {
        emit failed(tr("Select a study (or one of its series) to retrieve."));
        return false;
    }
    DicomNode node;
    std::string url;
    if (!peerFromUi(&node, &url)) return false;
    RetrieveRequest request;
    request.studyUid = studyRecords_[std::size_t(studyRow)].studyUid;
    const int seriesRow = series_->selectedItems().isEmpty()
                              ? -1
                              : series_->indexOfTopLevelItem(series_->selectedItems().first());
    if (seriesRow >= 0 && seriesRow < int(seriesRecords_.size()))
        request.seriesUid = seriesRecords_[std::size_t(seriesRow)].seriesUid;
    request.move = move_->isChecked() && url.empty();
    request.movePort = PacsSettings::movePort();
    const QString store = PacsSettings::storeFolder();
    auto* job = new BackgroundJob(
        [node, url, request, destination = store.toStdString()](JobContext& context) {
            if (url.empty())
                PacsClient(node).retrieve(request, destination, context);
            else
                DicomWebClient(url).retrieve(request, destination, context);
        },
        this);
    connect(job, &BackgroundJob::progress, this, [this](int, qint64 done, qint64 total) {
        if (total <= 0) return;
        progress_->setRange(0, int(total));
        progress_->setValue(int(done));
        status_->setText(tr("Receiving image %1 of %2…").arg(done).arg(total));
        emit retrieveProgress(done, total);
    });
    QString folder = store + QLatin1Char('/') + QString::fromStdString(request.studyUid);
    if (!request.seriesUid.empty()) folder += QLatin1Char('/') + QString::fromStdString(request.seriesUid);
    connect(job, &BackgroundJob::succeeded, this,
            [this, folder, series = QString::fromStdString(request.seriesUid)] {
                status_->setText(tr("Retrieved into %1.").arg(folder));
                emit retrieved(folder, series);
            });
    return run(job, request.seriesUid.empty() ? tr("Retrieving the study…") : tr("Retrieving the series…"));
}

void PacsQueryDialog::cancel() {
    if (!job_) return;
    status_->setText(tr("Cancelling…"));
    job_->cancel();
}

void PacsQueryDialog::showStudies() {
    const QSignalBlocker block(studies_);
    studies_->clear();
    for (const StudyRecord& s : studyRecords_) {
        QStringList modalities;
        for (const std::string& m : s.modalities)
            modalities << QString::fromStdString(m);
        new QTreeWidgetItem(
            studies_,
            {QString::fromStdString(s.patientName), QString::fromStdString(s.patientId),
             dicomDate(s.studyDate), QString::fromStdString(s.description), modalities.join(QLatin1Char('/')),
             count(s.numberOfSeries), count(s.numberOfInstances)});
    }
    for (int c = 0; c < studies_->columnCount(); ++c)
        studies_->resizeColumnToContents(c);
}

void PacsQueryDialog::showSeries() {
    series_->clear();
    for (const SeriesRecord& s : seriesRecords_)
        new QTreeWidgetItem(series_,
                            {QString::fromStdString(s.seriesNumber), QString::fromStdString(s.modality),
                             QString::fromStdString(s.description), count(s.numberOfInstances)});
    for (int c = 0; c < series_->columnCount(); ++c)
        series_->resizeColumnToContents(c);
}

}  // namespace cadview
