#pragma once

// The real DICOM files the PACS tests send and fetch, and what they hold, read with DCMTK's dcmdata
// directly (not through cadview): the small head CT series (28 slices, one study, no study date) and
// two single-file studies of other patients with dates (CT 2004-01-19, MR 2004-08-26).

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace cadview::test {

inline std::string pacsData(const std::string& relative) {
    return std::string(CADVIEW_TEST_DATA) + "/" + relative;
}
inline const std::string kHeadCt = pacsData("ct_head_gantry_tilt/series");
inline const std::string kCtSmall = pacsData("dicom_samples/pydicom_debian/CT_small.dcm");
inline const std::string kMrSmall = pacsData("dicom_samples/pydicom_debian/MR_small.dcm");

// Values from dcmdump of the files (checked again against the files by DicomFacts below).
inline const std::string kHeadStudyUid = "1.2.826.0.1.3680043.9.4245.1760717064491086528325869788156915668";
inline const std::string kHeadSeriesUid = "1.2.826.0.1.3680043.9.4245.3115138630835728997848661150714813892";
inline const std::string kCtSmallStudyUid = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
inline const std::string kMrSmallStudyUid = "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457";
inline const std::string kMrSmallSeriesUid = "1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457";

struct DicomFacts {
    std::string sopInstanceUid, studyUid, seriesUid, patientId, patientName, studyDate, modality;
    std::string pixelData;  // the Pixel Data element's bytes
};

inline std::string tagText(DcmDataset& d, const DcmTagKey& tag) {
    OFString v;
    d.findAndGetOFString(tag, v);
    return v.c_str();
}

inline DicomFacts readFacts(const std::string& path) {
    DcmFileFormat file;
    DicomFacts f;
    if (file.loadFile(path.c_str()).bad()) return f;
    DcmDataset& d = *file.getDataset();
    f.sopInstanceUid = tagText(d, DCM_SOPInstanceUID);
    f.studyUid = tagText(d, DCM_StudyInstanceUID);
    f.seriesUid = tagText(d, DCM_SeriesInstanceUID);
    f.patientId = tagText(d, DCM_PatientID);
    f.patientName = tagText(d, DCM_PatientName);
    f.studyDate = tagText(d, DCM_StudyDate);
    f.modality = tagText(d, DCM_Modality);
    const Uint8* bytes = nullptr;
    unsigned long count = 0;
    if (d.findAndGetUint8Array(DCM_PixelData, bytes, &count).good() && bytes)
        f.pixelData.assign(reinterpret_cast<const char*>(bytes), count);
    return f;
}

inline std::vector<std::string> filesIn(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder))
        if (e.is_regular_file()) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// SOP Instance UID -> pixel bytes of every file under `folder`.
inline std::map<std::string, std::string> pixelsBySop(const std::string& folder) {
    std::map<std::string, std::string> out;
    for (const std::string& f : filesIn(folder)) {
        DicomFacts facts = readFacts(f);
        out[facts.sopInstanceUid] = std::move(facts.pixelData);
    }
    return out;
}

// Every entry (file or folder, hidden ones too) directly in `folder`.
inline std::set<std::string> entriesIn(const std::string& folder) {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        names.insert(e.path().filename().string());
    return names;
}

}  // namespace cadview::test
