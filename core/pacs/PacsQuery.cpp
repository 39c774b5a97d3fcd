#include "pacs/PacsQuery.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>

#include "jobs/JobContext.h"
#include "pacs/DimseStatus.h"
#include "pacs/ScuAssociation.h"

namespace cadview {

namespace {

// Collects the matches; honours the job's cancel request with a C-CANCEL.
class FindScu : public ScuAssociation {
  public:
    FindScu(const DicomNode& node, JobContext* job, std::function<void(DcmDataset&)> onMatch)
        : ScuAssociation(node), job_(job), onMatch_(std::move(onMatch)) {}

    std::uint16_t finalStatus = 0xFFFF;
    bool cancelSent = false;

  protected:
    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse* response,
                                   OFBool& waitForNextResponse) override {
        waitForNextResponse = OFFalse;
        if (!response) return DIMSE_NULLKEY;
        if (DimseStatus::isPending(response->m_status)) {
            waitForNextResponse = OFTrue;
            if (response->m_dataset && !cancelSent) {
                // Text in UTF-8 whatever the PACS's character set (kept as is when it cannot be converted).
                if (response->m_dataset->tagExistsWithValue(DCM_SpecificCharacterSet))
                    (void)response->m_dataset->convertToUTF8();
                onMatch_(*response->m_dataset);
            }
            if (job_ && job_->cancelled() && !cancelSent) {
                sendCANCELRequest(presID);
                cancelSent = true;
            }
            return EC_Normal;
        }
        finalStatus = response->m_status;
        return EC_Normal;
    }

  private:
    JobContext* job_;
    std::function<void(DcmDataset&)> onMatch_;
};

std::string text(DcmDataset& d, const DcmTagKey& tag) {
    OFString value;
    if (d.findAndGetOFStringArray(tag, value).bad()) return {};
    std::string s = value.c_str();
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    return s;
}

int number(DcmDataset& d, const DcmTagKey& tag) {
    const std::string s = text(d, tag);
    if (s.empty() || s.find_first_not_of("0123456789 +") != std::string::npos) return -1;
    try {
        return std::stoi(s);
    } catch (const std::exception&) {
        return -1;
    }
}

std::vector<std::string> split(const std::string& values) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= values.size() && !values.empty()) {
        const std::size_t end = std::min(values.find('\\', start), values.size());
        if (end > start) out.push_back(values.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool isAscii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void putKey(DcmDataset& keys, const DcmTagKey& tag, const std::string& value) {
    keys.putAndInsertString(tag, value.c_str());
}

// Sends the query and collects the matches; throws with the node's name on failure.
void runFind(const DicomNode& node, const char* model, const char* modelName, DcmDataset& keys,
             JobContext* job, const std::function<void(DcmDataset&)>& onMatch) {
    FindScu scu(node, job, onMatch);
    scu.propose(model, ScuAssociation::uncompressedSyntaxes());
    scu.open(std::string(modelName) + " C-FIND");
    const T_ASC_PresentationContextID id = scu.acceptedContext(model, std::string(modelName) + " C-FIND");
    const OFCondition c = scu.sendFINDRequest(id, &keys, nullptr);
    if (c.bad()) {
        scu.abort();
        throw std::runtime_error(scu.message("C-FIND failed: " + scu.conditionText(c)));
    }
    scu.close();
    if (scu.cancelSent) throw CancelledError();
    if (!DimseStatus::isSuccess(scu.finalStatus))
        throw std::runtime_error(
            scu.message("C-FIND failed with status " +
                        DimseStatus::describe(DimseStatus::Service::Find, scu.finalStatus)));
}

PatientRecord patientFrom(DcmDataset& d) {
    PatientRecord r;
    r.patientName = text(d, DCM_PatientName);
    r.patientId = text(d, DCM_PatientID);
    r.birthDate = text(d, DCM_PatientBirthDate);
    r.sex = text(d, DCM_PatientSex);
    r.numberOfStudies = number(d, DCM_NumberOfPatientRelatedStudies);
    return r;
}

StudyRecord studyFrom(DcmDataset& d) {
    StudyRecord r;
    r.patientName = text(d, DCM_PatientName);
    r.patientId = text(d, DCM_PatientID);
    r.birthDate = text(d, DCM_PatientBirthDate);
    r.studyUid = text(d, DCM_StudyInstanceUID);
    r.studyDate = text(d, DCM_StudyDate);
    r.studyTime = text(d, DCM_StudyTime);
    r.description = text(d, DCM_StudyDescription);
    r.accessionNumber = text(d, DCM_AccessionNumber);
    r.modalities = split(text(d, DCM_ModalitiesInStudy));
    r.numberOfSeries = number(d, DCM_NumberOfStudyRelatedSeries);
    r.numberOfInstances = number(d, DCM_NumberOfStudyRelatedInstances);
    return r;
}

SeriesRecord seriesFrom(DcmDataset& d) {
    SeriesRecord r;
    r.studyUid = text(d, DCM_StudyInstanceUID);
    r.seriesUid = text(d, DCM_SeriesInstanceUID);
    r.seriesNumber = text(d, DCM_SeriesNumber);
    r.modality = text(d, DCM_Modality);
    r.description = text(d, DCM_SeriesDescription);
    r.numberOfInstances = number(d, DCM_NumberOfSeriesRelatedInstances);
    return r;
}

void addCommonKeys(DcmDataset& keys, const char* level, const QueryFilter& filter) {
    putKey(keys, DCM_QueryRetrieveLevel, level);
    // Non-ASCII filter text is UTF-8: say so, or the PACS reads it as Latin-1.
    if (!isAscii(filter.patientName) || !isAscii(filter.patientId))
        putKey(keys, DCM_SpecificCharacterSet, "ISO_IR 192");
}

}  // namespace

std::vector<PatientRecord> PacsQuery::findPatients(const QueryFilter& filter, JobContext* job) const {
    node_.validate();
    filter.validate(QueryLevel::Patient);
    DcmDataset keys;
    addCommonKeys(keys, "PATIENT", filter);
    putKey(keys, DCM_PatientName, filter.patientName);
    putKey(keys, DCM_PatientID, filter.patientId);
    putKey(keys, DCM_PatientBirthDate, "");
    putKey(keys, DCM_PatientSex, "");
    putKey(keys, DCM_NumberOfPatientRelatedStudies, "");
    std::vector<PatientRecord> out;
    runFind(node_, UID_FINDPatientRootQueryRetrieveInformationModel, "Patient Root", keys, job,
            [&](DcmDataset& d) { out.push_back(patientFrom(d)); });
    return out;
}

std::vector<StudyRecord> PacsQuery::findStudies(const QueryFilter& filter, JobContext* job) const {
    node_.validate();
    filter.validate(QueryLevel::Study);
    DcmDataset keys;
    addCommonKeys(keys, "STUDY", filter);
    putKey(keys, DCM_PatientName, filter.patientName);
    putKey(keys, DCM_PatientID, filter.patientId);
    putKey(keys, DCM_PatientBirthDate, "");
    putKey(keys, DCM_StudyInstanceUID, filter.studyUid);
    putKey(keys, DCM_StudyDate, filter.dateRange());
    putKey(keys, DCM_StudyTime, "");
    putKey(keys, DCM_StudyDescription, "");
    putKey(keys, DCM_AccessionNumber, "");
    putKey(keys, DCM_ModalitiesInStudy, filter.modality);
    putKey(keys, DCM_NumberOfStudyRelatedSeries, "");
    putKey(keys, DCM_NumberOfStudyRelatedInstances, "");
    std::vector<StudyRecord> out;
    runFind(node_, UID_FINDStudyRootQueryRetrieveInformationModel, "Study Root", keys, job,
            [&](DcmDataset& d) {
                StudyRecord r = studyFrom(d);
                if (filter.dateMatches(r.studyDate))
                    out.push_back(std::move(r));  // Orthanc matches undated studies
            });
    return out;
}

std::vector<SeriesRecord> PacsQuery::findSeries(const QueryFilter& filter, JobContext* job) const {
    node_.validate();
    filter.validate(QueryLevel::Series);
    DcmDataset keys;
    addCommonKeys(keys, "SERIES", filter);
    // Keys above the series level narrow the match on PACS that search relationally (Orthanc, dcm4chee);
    // only sent when set, as a strictly hierarchical PACS would refuse them.
    if (!filter.patientName.empty()) putKey(keys, DCM_PatientName, filter.patientName);
    if (!filter.patientId.empty()) putKey(keys, DCM_PatientID, filter.patientId);
    if (!filter.dateRange().empty()) putKey(keys, DCM_StudyDate, filter.dateRange());
    putKey(keys, DCM_StudyInstanceUID, filter.studyUid);
    putKey(keys, DCM_SeriesInstanceUID, "");
    putKey(keys, DCM_SeriesNumber, "");
    putKey(keys, DCM_Modality, filter.modality);
    putKey(keys, DCM_SeriesDescription, "");
    putKey(keys, DCM_NumberOfSeriesRelatedInstances, "");
    std::vector<SeriesRecord> out;
    runFind(node_, UID_FINDStudyRootQueryRetrieveInformationModel, "Study Root", keys, job,
            [&](DcmDataset& d) {
                if (filter.dateMatches(text(d, DCM_StudyDate))) out.push_back(seriesFrom(d));
            });
    return out;
}

PacsQuery::ResponseRecords PacsQuery::fromResponseBytes(const std::string& bytes) {
    DcmInputBufferStream in;
    in.setBuffer(bytes.data(), offile_off_t(bytes.size()));
    in.setEos();
    DcmDataset d;
    d.transferInit();
    const OFCondition c = d.read(in, EXS_LittleEndianImplicit);
    d.transferEnd();
    if (c.bad()) throw std::runtime_error(std::string("the C-FIND response cannot be decoded: ") + c.text());
    return {patientFrom(d), studyFrom(d), seriesFrom(d)};
}

}  // namespace cadview
