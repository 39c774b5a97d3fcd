#include "image/Diagnostic.h"

#include <cstdio>

namespace cadview {

namespace {
std::string fmt(const char* pattern, double a, double b = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, pattern, a, b);
    return buf;
}
}  // namespace

const char* codeName(Diagnostic::Code code) {
    using C = Diagnostic::Code;
    switch (code) {
        case C::UnreadableFile:
            return "unreadable-file";
        case C::UnsupportedFile:
            return "unsupported-file";
        case C::PixelDecodeFailed:
            return "pixel-decode-failed";
        case C::UnevenSpacing:
            return "uneven-spacing";
        case C::MissingSlices:
            return "missing-slices";
        case C::GantryTilt:
            return "gantry-tilt";
        case C::Resampled:
            return "resampled";
        case C::SeveralSeries:
            return "several-series";
        case C::SplitSeries:
            return "split-series";
        case C::DuplicatePositions:
            return "duplicate-positions";
        case C::InconsistentImages:
            return "inconsistent-images";
        case C::ColorConverted:
            return "color-converted";
        case C::SpacingUnknown:
            return "spacing-unknown";
        case C::GeometryAdjusted:
            return "geometry-adjusted";
        case C::Oblique:
            return "oblique";
        case C::InsufficientMemory:
            return "insufficient-memory";
        case C::Cancelled:
            break;
    }
    return "cancelled";
}

std::string describe(const Diagnostic& d) {
    using C = Diagnostic::Code;
    std::string text;
    switch (d.code) {
        case C::UnreadableFile:
            text = "cannot read the file";
            break;
        case C::UnsupportedFile:
            text = "the file holds no image that can be shown";
            break;
        case C::PixelDecodeFailed:
            text = "the pixel data cannot be decoded";
            break;
        case C::UnevenSpacing:
            text = fmt("slice spacing is uneven (%.3g to %.3g mm)", d.value, d.value2);
            break;
        case C::MissingSlices:
            text = fmt("about %.0f slice(s) appear to be missing", d.value);
            break;
        case C::GantryTilt:
            text = fmt("gantry tilt of %.1f degrees", d.value);
            break;
        case C::Resampled:
            text = fmt("resampled to a regular grid with %.3g mm between slices", d.value);
            break;
        case C::SeveralSeries:
            text = fmt("%.0f series found", d.value);
            break;
        case C::SplitSeries:
            text = "one series holds images of different geometry; it was split";
            break;
        case C::DuplicatePositions:
            text = fmt("%.0f image(s) share a position with another and were left out", d.value);
            break;
        case C::InconsistentImages:
            text = "images differ in size or type from the rest of the series";
            break;
        case C::ColorConverted:
            text = "colour image shown in grey";
            break;
        case C::SpacingUnknown:
            text = "pixel spacing unknown; 1 mm assumed";
            break;
        case C::GeometryAdjusted:
            text = "the geometry in the header could not be used as written";
            break;
        case C::Oblique:
            text = fmt("oblique: grid is %.1f degrees off the patient axes", d.value);
            break;
        case C::InsufficientMemory:
            text = "too large for the memory free";
            break;
        case C::Cancelled:
            text = "cancelled";
            break;
    }
    if (!d.detail.empty()) text += " (" + d.detail + ")";
    if (!d.subject.empty()) text = d.subject + ": " + text;
    return text;
}

}  // namespace cadview
