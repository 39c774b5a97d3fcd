#include "pacs/PacsSender.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "io/Deidentifier.h"
#include "jobs/JobContext.h"
#include "pacs/DimseStatus.h"
#include "pacs/ScuAssociation.h"

namespace cadview {

namespace {

namespace fs = std::filesystem;

// At most this many (SOP class, transfer syntax) pairs per association: two presentation contexts
// each, under DICOM's 128.
constexpr std::size_t kPairsPerAssociation = 60;

struct Candidate {
    std::size_t index;  // into the result's files
    std::string sopClass, transferSyntax;
};

std::string metaString(DcmMetaInfo& meta, const DcmTagKey& tag) {
    OFString value;
    meta.findAndGetOFString(tag, value);
    return value.c_str();
}

}  // namespace

std::vector<std::string> PacsSender::collectFiles(const std::vector<std::string>& paths) {
    std::set<std::string> files;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e :
                 fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec))
                if (e.is_regular_file(ec)) files.insert(e.path().string());
        } else if (fs::exists(p, ec)) {
            files.insert(p);
        } else {
            throw std::invalid_argument(p + ": no such file or folder");
        }
    }
    return {files.begin(), files.end()};
}

PacsSender::Result PacsSender::send(const std::vector<std::string>& paths, JobContext& job) const {
    node_.validate();
    if (paths.empty()) throw std::invalid_argument("nothing to send: no file or folder given");
    const std::vector<std::string> files = collectFiles(paths);
    Result result;
    job.setStage(JobStage::ReadingHeaders, files.size());
    // Read each file's meta header: the presentation contexts to propose.
    std::vector<Candidate> candidates;
    for (const std::string& path : files) {
        job.throwIfCancelled();
        FileStatus status;
        status.path = path;
        if (!Deidentifier::isDicomFile(path)) {
            status.message = "skipped: not a DICOM file";
            ++result.skipped;
        } else {
            DcmFileFormat file;
            const OFCondition c = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 0, ERM_metaOnly);
            const std::string sopClass = metaString(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
            const std::string xfer = metaString(*file.getMetaInfo(), DCM_TransferSyntaxUID);
            status.sopInstanceUid = metaString(*file.getMetaInfo(), DCM_MediaStorageSOPInstanceUID);
            if (c.bad() || sopClass.empty() || xfer.empty() || status.sopInstanceUid.empty()) {
                status.message = "skipped: no readable meta header (SOP class, instance, transfer syntax)";
                ++result.skipped;
            } else {
                candidates.push_back({result.files.size(), sopClass, xfer});
            }
        }
        result.files.push_back(std::move(status));
        job.advance(1);
    }

    job.setStage(JobStage::Writing, candidates.size());
    std::size_t next = 0;
    while (next < candidates.size()) {
        // One association for the next run of files whose (class, syntax) pairs fit.
        std::set<std::pair<std::string, std::string>> pairs;
        std::size_t end = next;
        while (end < candidates.size()) {
            pairs.insert({candidates[end].sopClass, candidates[end].transferSyntax});
            if (pairs.size() > kPairsPerAssociation) {
                pairs.erase({candidates[end].sopClass, candidates[end].transferSyntax});
                break;
            }
            ++end;
        }
        ScuAssociation scu(node_);
        scu.setDatasetConversionMode(OFTrue);  // explicit <-> implicit VR when only the other was accepted
        std::set<std::string> classes;
        for (const auto& [sopClass, xfer] : pairs) {
            scu.propose(sopClass, {xfer});
            classes.insert(sopClass);
        }
        for (const std::string& sopClass : classes)
            scu.propose(sopClass, ScuAssociation::uncompressedSyntaxes());
        scu.open("C-STORE");
        for (; next < end; ++next) {
            if (job.cancelled()) {
                scu.close();
                throw CancelledError();
            }
            const Candidate& cand = candidates[next];
            FileStatus& status = result.files[cand.index];
            T_ASC_PresentationContextID id =
                scu.findPresentationContextID(cand.sopClass.c_str(), cand.transferSyntax.c_str());
            const DcmXfer xfer(cand.transferSyntax.c_str());
            if (id == 0 && !xfer.isEncapsulated())
                id = scu.findAnyPresentationContextID(cand.sopClass.c_str(), "");
            if (id == 0) {
                status.message = "not accepted: the node takes neither " + std::string(xfer.getXferName()) +
                                 " nor an uncompressed transfer syntax for " +
                                 dcmFindNameOfUID(cand.sopClass.c_str(), cand.sopClass.c_str());
                ++result.failed;
                job.advance(1);
                continue;
            }
            Uint16 rsp = 0;
            const OFCondition c = scu.sendSTORERequest(id, status.path.c_str(), nullptr, rsp);
            if (c.bad()) {
                status.message = "C-STORE failed: " + scu.conditionText(c);
                ++result.failed;
                if (!scu.isConnected()) {
                    // The association is gone: the rest of this run cannot be sent.
                    for (++next; next < end; ++next) {
                        FileStatus& rest = result.files[candidates[next].index];
                        rest.message = "not sent: the association ended (" + scu.conditionText(c) + ")";
                        ++result.failed;
                        job.advance(1);
                    }
                    job.advance(1);
                    break;
                }
            } else {
                status.status = rsp;
                if (DimseStatus::isSuccess(rsp) || DimseStatus::isWarning(rsp)) {
                    status.sent = true;
                    ++result.sent;
                    if (!DimseStatus::isSuccess(rsp))
                        status.message =
                            "stored with warning " + DimseStatus::describe(DimseStatus::Service::Store, rsp);
                } else {
                    status.message =
                        "refused with status " + DimseStatus::describe(DimseStatus::Service::Store, rsp);
                    ++result.failed;
                }
            }
            job.advance(1);
        }
        scu.close();
    }
    return result;
}

}  // namespace cadview
