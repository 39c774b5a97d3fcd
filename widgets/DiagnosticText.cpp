#include "DiagnosticText.h"

#include <QFileInfo>

namespace cadview {

QString DiagnosticText::reason(const Diagnostic& d) {
    using C = Diagnostic::Code;
    QString t;
    switch (d.code) {
        case C::UnreadableFile:
            t = tr("cannot be read");
            break;
        case C::UnsupportedFile:
            t = tr("holds no image that can be shown");
            break;
        case C::PixelDecodeFailed:
            t = tr("its pixel data cannot be decoded");
            break;
        case C::UnevenSpacing:
            t = tr("slice spacing is uneven (%1 to %2 mm)").arg(d.value, 0, 'g', 3).arg(d.value2, 0, 'g', 3);
            break;
        case C::MissingSlices:
            t = tr("about %n slice(s) appear to be missing", nullptr, int(d.value));
            break;
        case C::GantryTilt:
            t = tr("acquired with a gantry tilt of %1°").arg(d.value, 0, 'f', 1);
            break;
        case C::Resampled:
            t = tr("resampled to a regular grid, %1 mm between slices").arg(d.value, 0, 'g', 3);
            break;
        case C::SeveralSeries:
            t = tr("%n series found; the largest is shown (pick another in the series list)", nullptr,
                   int(d.value));
            break;
        case C::SplitSeries:
            t = tr("one series holds images of different geometry; it was split");
            break;
        case C::DuplicatePositions:
            t = tr("%n image(s) share a position with another and were left out", nullptr, int(d.value));
            break;
        case C::InconsistentImages:
            t = tr("differs in size or type from the rest of the series");
            break;
        case C::ColorConverted:
            t = tr("colour image shown in grey");
            break;
        case C::SpacingUnknown:
            t = tr("pixel spacing unknown; 1 mm assumed, so distances are not real");
            break;
        case C::GeometryAdjusted:
            t = tr("the geometry in the header could not be used as written");
            break;
        case C::Oblique:
            t = tr("oblique: the grid is %1° off the patient axes; views follow the nearest axes")
                    .arg(d.value, 0, 'f', 1);
            break;
        case C::InsufficientMemory:
            t = tr("too large for the memory free");
            break;
        case C::Cancelled:
            t = tr("cancelled");
            break;
    }
    if (!d.detail.empty()) t += QStringLiteral(" (%1)").arg(QString::fromStdString(d.detail));
    return t;
}

QString DiagnosticText::text(const Diagnostic& d) {
    // Files and folders are named (by file name); series UIDs would only be noise to a reader.
    const QFileInfo info(QString::fromStdString(d.subject));
    if (d.subject.empty() || !info.exists()) return reason(d);
    return tr("%1: %2").arg(info.isFile() ? info.fileName() : info.filePath(), reason(d));
}

}  // namespace cadview
