#include "io/Deidentifier.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires
//
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "io/AtomicFile.h"
#include "io/ConfidentialityProfile.h"
#include "io/DcmtkLog.h"
#include "io/InputFiles.h"
#include "io/KeyedHash.h"

namespace cadview {

namespace {

using Action = ConfidentialityProfile::Action;

// UI attributes that name a class, a transfer syntax or a coding scheme, not an instance: kept even when
// their value is not a DICOM-defined UID (private SOP classes).
bool isClassUid(std::uint16_t group, std::uint16_t element) {
    static const std::set<std::uint32_t> kClassTags = {
        0x00020002, 0x00020010, 0x00020012, 0x00041510, 0x00041512, 0x00080016, 0x0008001A,
        0x0008001B, 0x00080062, 0x0008010C, 0x00081150, 0x00081197, 0x04000010, 0x00189506};
    return group == 0x0002 || kClassTags.count(std::uint32_t(group) << 16 | element) > 0;
}

bool isDateOrTime(DcmEVR vr) {
    return vr == EVR_DA || vr == EVR_DT || vr == EVR_TM;
}

std::string valueOf(DcmElement* e) {
    OFString s;
    if (e->getOFStringArray(s, OFTrue).bad()) return {};
    return std::string(s.c_str(), s.length());
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    while (!s.empty() && s.front() == ' ')
        s.erase(s.begin());
    return s;
}

// Decimal of a 128-bit big-endian number.
std::string decimal(std::array<std::uint8_t, 16> n) {
    std::string digits;
    while (std::any_of(n.begin(), n.end(), [](std::uint8_t b) { return b != 0; })) {
        unsigned remainder = 0;
        for (std::uint8_t& b : n) {
            const unsigned v = remainder * 256 + b;
            b = std::uint8_t(v / 10);
            remainder = v % 10;
        }
        digits += char('0' + remainder);
    }
    if (digits.empty()) digits.push_back('0');
    std::reverse(digits.begin(), digits.end());
    return digits;
}

class Pass {
  public:
    Pass(const Deidentifier& owner, const Deidentifier::Options& options)
        : owner_(owner), options_(options) {}

    void clean(DcmItem& item) {
        for (unsigned long i = 0; i < item.card();) {
            DcmElement* e = item.getElement(i);
            if (!e || keep(*e)) {
                ++i;
                continue;
            }
            delete item.remove(i);
        }
    }

    void mapUids(DcmElement& e) {
        const std::string value = valueOf(&e);
        if (value.empty()) return;
        std::string out;
        std::size_t start = 0;
        while (true) {
            const std::size_t end = value.find('\\', start);
            const std::string one =
                trimmed(value.substr(start, end == std::string::npos ? end : end - start));
            if (!out.empty() || start > 0) out += '\\';
            if (!one.empty()) out += owner_.mapUid(one);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        e.putOFStringArray(OFString(out.c_str()));
    }

  private:
    // Applies the profile to one element; false when it is to be removed.
    bool keep(DcmElement& e) {
        const DcmTagKey tag = e.getTag();
        const std::uint16_t group = tag.getGroup(), element = tag.getElement();
        const DcmEVR vr = e.ident();
        if (group & 1) return false;                                      // private (and illegal odd groups)
        if (element == 0x0000 && group != 0x0002) return false;           // group lengths (retired)
        if ((group & 0xFF00) == 0x6000 && group <= 0x601E) return false;  // overlays, whole groups
        if (tag == DCM_PixelData) return true;
        const ConfidentialityProfile::Entry* entry = ConfidentialityProfile::find(group, element);
        if (entry) {
            switch (entry->action) {
                case Action::Remove:
                    return false;
                case Action::Empty:
                    e.clear();
                    return true;
                case Action::Dummy:
                    dummy(e, group, element);
                    return true;
                case Action::ReplaceUid:
                    if (vr == EVR_UI)
                        mapUids(e);
                    else
                        e.clear();
                    return true;
                case Action::CleanSequence:
                    break;  // fall through to the walk below
            }
        }
        if (vr == EVR_SQ) {
            auto& sequence = static_cast<DcmSequenceOfItems&>(e);
            for (unsigned long i = 0; i < sequence.card(); ++i)
                clean(*sequence.getItem(i));
            return true;
        }
        if (vr == EVR_UI) {
            const std::string value = valueOf(&e);
            if (!isClassUid(group, element) && !value.empty() && value.rfind("1.2.840.10008.", 0) != 0)
                mapUids(e);
            return true;
        }
        if (isDateOrTime(vr)) e.clear();  // no Retain Longitudinal Temporal Information option
        return true;
    }

    void dummy(DcmElement& e, std::uint16_t group, std::uint16_t element) {
        const DcmEVR vr = e.ident();
        std::string value;
        if (group == 0x0010 && element == 0x0010) {
            value = options_.patientName;
        } else if (group == 0x0010 && element == 0x0020) {
            value = owner_.mapPatientId(valueOf(&e));
        } else if (vr == EVR_PN) {
            value = Deidentifier::kDummyName;
        } else if (vr == EVR_DA) {
            value = "19000101";
        } else if (vr == EVR_TM) {
            value = "000000";
        } else if (vr == EVR_DT) {
            value = "19000101000000";
        } else if (vr == EVR_LO || vr == EVR_SH || vr == EVR_CS || vr == EVR_LT || vr == EVR_ST ||
                   vr == EVR_UT) {
            value = "ANONYMIZED";
        }
        e.clear();  // sequences: no items; other VRs: zero length
        if (!value.empty()) e.putString(value.c_str());
    }

    const Deidentifier& owner_;
    const Deidentifier::Options& options_;
};

std::string stringOf(DcmItem& item, const DcmTagKey& tag) {
    OFString s;
    if (item.findAndGetOFStringArray(tag, s).bad()) return {};
    return std::string(s.c_str(), s.length());
}

// DCMTK writes back the 128-byte preamble it read, and text or a TIFF header can hide there (PS3.10 7.5):
// the copy gets 128 zero bytes. Returns the reason when that fails.
std::string zeroPreamble(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    char magic[4] = {};
    const bool dicm = ::pread(fd, magic, 4, 128) == 4 && std::memcmp(magic, "DICM", 4) == 0;
    const char zeros[128] = {};
    const bool done = !dicm || ::pwrite(fd, zeros, sizeof zeros, 0) == ssize_t(sizeof zeros);
    ::close(fd);
    return done ? std::string() : std::string("cannot clear the preamble");
}

}  // namespace

Deidentifier::Deidentifier() : Deidentifier(Options{}) {}

Deidentifier::Deidentifier(Options options) : options_(std::move(options)) {
    if (options_.key.empty()) options_.key = kDefaultKey;
}

std::string Deidentifier::mapUid(const std::string& uid) const {
    const KeyedHash::Digest h = KeyedHash::hmacSha256(options_.key, trimmed(uid));
    std::array<std::uint8_t, 16> first{};
    std::copy(h.begin(), h.begin() + 16, first.begin());
    return "2.25." + decimal(first);
}

std::string Deidentifier::mapPatientId(const std::string& patientId) const {
    if (!options_.patientId.empty()) return options_.patientId;
    return "ANON-" + KeyedHash::hex(KeyedHash::hmacSha256(options_.key, trimmed(patientId))).substr(0, 8);
}

bool Deidentifier::isDicomFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[132] = {};
    if (!in.read(head, sizeof head)) return false;
    return std::string(head + 128, 4) == "DICM";
}

Deidentifier::Result Deidentifier::deidentifyFile(const std::string& input, const std::string& output) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(output, ec) && fs::equivalent(input, output, ec))
        throw std::runtime_error(output + ": would overwrite the input");
    DcmtkLog::quiet();
    DcmFileFormat file;
    const OFCondition loaded =
        file.loadFile(input.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_fileOnly);
    if (loaded.bad()) throw std::runtime_error(input + ": not a readable DICOM file (" + loaded.text() + ")");
    InputFiles::remember(input);
    DcmDataset& data = *file.getDataset();
    DcmMetaInfo& meta = *file.getMetaInfo();

    Pass pass(*this, options_);
    pass.clean(data);
    // The meta header: the instance UID follows the data set's; no source AE title or private information.
    delete meta.remove(DCM_SourceApplicationEntityTitle);
    delete meta.remove(DCM_SendingApplicationEntityTitle);
    delete meta.remove(DCM_ReceivingApplicationEntityTitle);
    delete meta.remove(DCM_SourcePresentationAddress);
    delete meta.remove(DCM_PrivateInformationCreatorUID);
    delete meta.remove(DCM_PrivateInformation);
    if (DcmElement* e = nullptr; meta.findAndGetElement(DCM_MediaStorageSOPInstanceUID, e).good() && e)
        pass.mapUids(*e);

    // PS3.15 E.1.1: Patient Identity Removed, De-identification Method and its code sequence.
    data.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    data.putAndInsertString(DCM_DeidentificationMethod,
                            "DICOM PS3.15 E.1 Basic Profile\\cadview keyed-hash UIDs, dates removed");
    delete data.remove(DCM_DeidentificationMethodCodeSequence);
    DcmItem* code = nullptr;
    if (data.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code, -2).good() && code) {
        code->putAndInsertString(DCM_CodeValue, "113100");
        code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        code->putAndInsertString(DCM_CodeMeaning, "Basic Application Confidentiality Profile");
    }
    data.putAndInsertString(DCM_LongitudinalTemporalInformationModified, "REMOVED");

    Result r;
    r.sopInstanceUid = stringOf(data, DCM_SOPInstanceUID);
    r.seriesInstanceUid = stringOf(data, DCM_SeriesInstanceUID);
    r.studyInstanceUid = stringOf(data, DCM_StudyInstanceUID);
    r.patientId = stringOf(data, DCM_PatientID);

    const std::string temporary = AtomicFile::temporaryPath(output);
    const OFCondition saved =
        file.saveFile(temporary.c_str(), EXS_Unknown, EET_UndefinedLength, EGL_withoutGL);
    std::string failure = saved.bad() ? std::string(saved.text()) : zeroPreamble(temporary);
    if (!failure.empty()) {
        AtomicFile::discard(temporary);
        throw std::runtime_error(output + ": cannot write (" + failure + ")");
    }
    AtomicFile::commit(temporary, output);
    return r;
}

}  // namespace cadview
