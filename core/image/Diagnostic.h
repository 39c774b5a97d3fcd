#pragma once

#include <string>
#include <vector>

namespace cadview {

// Something a loader noticed that the user must be told. Core produces codes and plain facts;
// each front end words them (the GUI through tr(), the CLI in English via describe()).
struct Diagnostic {
    enum class Severity { Info, Warning, Error };
    enum class Code {
        UnreadableFile,      // not DICOM, truncated, or the header cannot be parsed
        UnsupportedFile,     // valid DICOM without an image we can show (SR, RT plan, waveform...)
        PixelDecodeFailed,   // header fine, pixel data cannot be decoded
        UnevenSpacing,       // slice gaps differ; value = smallest gap, value2 = largest gap (mm)
        MissingSlices,       // value = number of slices that appear to be missing
        GantryTilt,          // value = tilt angle in degrees
        Resampled,           // a regular grid was built; value = new slice spacing (mm)
        SeveralSeries,       // value = number of series found where one was expected
        SplitSeries,         // one SeriesInstanceUID held images of different geometry: split
        DuplicatePositions,  // several images at one position; value = count dropped
        InconsistentImages,  // images of a series disagree in size or type and were left out
        ColorConverted,      // a colour image was shown in grey
        SpacingUnknown,      // no pixel spacing in the file: 1 mm assumed
        GeometryAdjusted,    // the header's geometry was unusable as written; detail names the default used
        Oblique,             // grid is not aligned with the patient axes; value = angle in degrees
        InsufficientMemory,  // the load would not fit in the memory free; a downsampled load may
        Cancelled,
    };

    Severity severity = Severity::Warning;
    Code code = Code::UnreadableFile;
    std::string subject;  // the file or series concerned
    std::string detail;   // technical reason in English, e.g. a codec message
    double value = 0;
    double value2 = 0;

    static Diagnostic warning(Code code, std::string subject, std::string detail = {}, double value = 0,
                              double value2 = 0) {
        return {Severity::Warning, code, std::move(subject), std::move(detail), value, value2};
    }
    static Diagnostic error(Code code, std::string subject, std::string detail = {}) {
        return {Severity::Error, code, std::move(subject), std::move(detail), 0, 0};
    }
    static Diagnostic info(Code code, std::string subject, std::string detail = {}, double value = 0) {
        return {Severity::Info, code, std::move(subject), std::move(detail), value, 0};
    }
};

// English wording of a diagnostic, for the CLI and logs.
std::string describe(const Diagnostic& d);
const char* codeName(Diagnostic::Code code);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace cadview
