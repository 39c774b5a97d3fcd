#pragma once

#include <string>

namespace cadview {

// De-identifies DICOM files by the Basic Application Level Confidentiality Profile of DICOM PS3.15
// Annex E (the table in ConfidentialityProfile), with deterministic UIDs: every UID that identifies an
// instance, series, study, frame of reference and the like becomes "2.25." and the decimal of the first
// 128 bits of HMAC-SHA-256(key, UID), at every depth of nested sequences, so the same UID maps to the same
// new UID in every file and run with the same key and references (a SEG's source images) stay linked.
// Private attributes, overlays, curves and every date and time are removed or emptied. The pixel data
// and the transfer syntax are kept byte for byte (burned-in text in the pixels is not detected).
class Deidentifier {
  public:
    // The project's fixed salt, used when Options::key is empty. With it, anyone holding an original
    // UID or patient ID can recompute its replacement: set a secret key to prevent that.
    static constexpr const char* kDefaultKey = "cadview-ps3.15-basic-profile-v1";
    static constexpr const char* kDummyName = "ANONYMOUS";

    struct Options {
        std::string key;  // secret salt of the keyed hash; empty = kDefaultKey
        std::string patientName = kDummyName;
        std::string patientId;  // empty: "ANON-" + 8 hex digits of the keyed hash of the old ID
    };

    // What one written file holds (new values only).
    struct Result {
        std::string sopInstanceUid, seriesInstanceUid, studyInstanceUid, patientId;
    };

    Deidentifier();
    explicit Deidentifier(Options options);

    // "2.25.<decimal of 128 bits>", at most 44 characters; uid's trailing spaces and NULs are ignored.
    std::string mapUid(const std::string& uid) const;
    // The replacement Patient ID for an original one (Options::patientId when set).
    std::string mapPatientId(const std::string& patientId) const;

    // Reads `input`, de-identifies it and writes `output` (never over `input`). Throws std::runtime_error
    // with the reason when `input` is not a readable DICOM file or `output` cannot be written.
    Result deidentifyFile(const std::string& input, const std::string& output) const;

    // True when the file has the DICOM preamble and "DICM" prefix (Part 10 file).
    static bool isDicomFile(const std::string& path);

  private:
    Options options_;
};

}  // namespace cadview
