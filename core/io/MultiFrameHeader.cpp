#include "io/MultiFrameHeader.h"

#include <gdcmDataSet.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "io/DicomText.h"
#include "io/LoadError.h"

namespace cadview {

namespace {

const gdcm::Tag kPixelData(0x7fe0, 0x0010);
const gdcm::Tag kSharedGroups(0x5200, 0x9229);
const gdcm::Tag kPerFrameGroups(0x5200, 0x9230);
const gdcm::Tag kPlanePosition(0x0020, 0x9113);
const gdcm::Tag kPlaneOrientation(0x0020, 0x9116);
const gdcm::Tag kPixelMeasures(0x0028, 0x9110);
const gdcm::Tag kPixelValueTransformation(0x0028, 0x9145);
const gdcm::Tag kFrameVoiLut(0x0028, 0x9132);
const gdcm::Tag kImagePosition(0x0020, 0x0032);
const gdcm::Tag kImageOrientation(0x0020, 0x0037);
const gdcm::Tag kPixelSpacing(0x0028, 0x0030);
const gdcm::Tag kSliceThickness(0x0018, 0x0050);
const gdcm::Tag kRescaleIntercept(0x0028, 0x1052);
const gdcm::Tag kRescaleSlope(0x0028, 0x1053);
const gdcm::Tag kWindowCenter(0x0028, 0x1050);
const gdcm::Tag kWindowWidth(0x0028, 0x1051);
const gdcm::Tag kGridFrameOffsets(0x3004, 0x000c);

// Decimal strings (DS, IS) are ASCII in every transfer syntax: read the bytes, not through GDCM's
// string helpers (which assert on some malformed values in Debian's build).
std::vector<double> numbers(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    if (!ds.FindDataElement(tag)) return {};
    const gdcm::DataElement& de = ds.GetDataElement(tag);
    const gdcm::ByteValue* bv = de.GetByteValue();
    if (de.IsEmpty() || bv == nullptr || bv->GetPointer() == nullptr) return {};
    return dicomtext::parseNumbers(std::string(bv->GetPointer(), std::size_t(bv->GetLength())));
}

using Sequence = gdcm::SmartPointer<gdcm::SequenceOfItems>;

// Sequence `tag` of `ds`, or null. Sequences that GDCM kept as bytes (implicit VR with a defined length)
// are parsed here; the pointer owns them.
Sequence sequence(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    if (!ds.FindDataElement(tag)) return nullptr;
    const gdcm::DataElement& de = ds.GetDataElement(tag);
    if (de.IsEmpty() || de.GetSequenceOfFragments() != nullptr) return nullptr;
    const gdcm::VR vr = de.GetVR();
    if (vr != gdcm::VR::SQ && vr != gdcm::VR::UN && vr != gdcm::VR::INVALID) return nullptr;
    return de.GetValueAsSQ();
}

// The data set of item `index` (0-based), or null; valid while `sq` lives.
const gdcm::DataSet* itemOf(const Sequence& sq, std::size_t index = 0) {
    if (!sq || index >= sq->GetNumberOfItems()) return nullptr;
    return &sq->GetItem(index + 1).GetNestedDataSet();
}

std::optional<std::array<double, 6>> orientationOf(const std::vector<double>& o) {
    if (o.size() != 6) return std::nullopt;
    const Vec3 row{o[0], o[1], o[2]}, col{o[3], o[4], o[5]};
    if (norm(row) < 0.5 || norm(col) < 0.5) return std::nullopt;
    const Vec3 r = normalized(row), c = normalized(col);
    return std::array<double, 6>{r[0], r[1], r[2], c[0], c[1], c[2]};
}

// Applies one functional group (shared, or one frame's) to `i`.
void applyGroup(const gdcm::DataSet& group, DicomInstance& i) {
    const Sequence position = sequence(group, kPlanePosition);
    if (const gdcm::DataSet* s = itemOf(position))
        if (auto p = numbers(*s, kImagePosition); p.size() == 3) i.position = Vec3{p[0], p[1], p[2]};
    const Sequence orientation = sequence(group, kPlaneOrientation);
    if (const gdcm::DataSet* s = itemOf(orientation))
        if (auto o = orientationOf(numbers(*s, kImageOrientation))) i.orientation = o;
    const Sequence measures = sequence(group, kPixelMeasures);
    if (const gdcm::DataSet* s = itemOf(measures)) {
        if (auto p = numbers(*s, kPixelSpacing); p.size() == 2 && p[0] > 0 && p[1] > 0) {
            i.pixelSpacing = std::array<double, 2>{p[0], p[1]};
            i.spacingFromImager = false;
        }
        if (auto t = numbers(*s, kSliceThickness); !t.empty() && t[0] > 0) i.sliceThickness = t[0];
    }
    const Sequence rescale = sequence(group, kPixelValueTransformation);
    if (const gdcm::DataSet* s = itemOf(rescale)) {
        if (auto v = numbers(*s, kRescaleSlope); !v.empty() && v[0] != 0) i.rescaleSlope = v[0];
        if (auto v = numbers(*s, kRescaleIntercept); !v.empty()) i.rescaleIntercept = v[0];
    }
    const Sequence window = sequence(group, kFrameVoiLut);
    if (const gdcm::DataSet* s = itemOf(window)) {
        const auto c = numbers(*s, kWindowCenter), w = numbers(*s, kWindowWidth);
        if (!c.empty() && !w.empty() && w[0] > 0) {
            i.windowCenter = c[0];
            i.windowWidth = w[0];
        }
    }
}

}  // namespace

void MultiFrameHeader::applyFunctionalGroups(const gdcm::DataSet& ds, std::size_t frame,
                                             DicomInstance& instance) {
    const Sequence shared = sequence(ds, kSharedGroups);
    if (const gdcm::DataSet* group = itemOf(shared)) applyGroup(*group, instance);
    const Sequence perFrame = sequence(ds, kPerFrameGroups);
    if (const gdcm::DataSet* group = itemOf(perFrame, frame)) applyGroup(*group, instance);
}

std::vector<DicomInstance> MultiFrameHeader::frames(const gdcm::DataSet& ds, const DicomInstance& file) {
    const std::size_t n = std::size_t(std::max(1, file.frames));
    DicomInstance base = file;
    base.frames = 1;
    base.position.reset();
    const Sequence shared = sequence(ds, kSharedGroups);
    if (const gdcm::DataSet* group = itemOf(shared)) applyGroup(*group, base);
    // The top-level position is that of the first frame; other frames get theirs below, or none.
    std::optional<Vec3> topPosition;
    if (auto p = numbers(ds, kImagePosition); p.size() == 3) topPosition = Vec3{p[0], p[1], p[2]};

    std::vector<DicomInstance> out(n, base);
    const Sequence perFrame = sequence(ds, kPerFrameGroups);
    bool positioned = true;
    for (std::size_t k = 0; k < n; ++k) {
        out[k].instanceNumber = int(k);
        if (const gdcm::DataSet* group = itemOf(perFrame, k)) applyGroup(*group, out[k]);
        positioned = positioned && out[k].position.has_value();
    }
    if (positioned) return out;

    // RT Dose: frames at GridFrameOffsetVector along the normal. Its first value is 0 (offsets relative to
    // ImagePositionPatient) or the first frame's own coordinate along the normal: either way frame k lies
    // offset[k] - offset[0] beyond the first.
    const std::vector<double> offsets = numbers(ds, kGridFrameOffsets);
    if (offsets.size() >= n && topPosition && base.orientation) {
        const auto& o = *base.orientation;
        const Vec3 normal = normalized(cross(Vec3{o[0], o[1], o[2]}, Vec3{o[3], o[4], o[5]}));
        for (std::size_t k = 0; k < n; ++k)
            out[k].position = *topPosition + normal * (offsets[k] - offsets[0]);
        return out;
    }
    for (DicomInstance& f : out)
        f.position.reset();
    return out;
}

std::vector<DicomInstance> MultiFrameHeader::frames(const DicomInstance& file) {
    gdcm::Reader reader;
    reader.SetFileName(file.path.c_str());
    if (!reader.ReadUpToTag(kPixelData, {kPixelData}))
        throw LoadError(Diagnostic::Code::UnreadableFile, file.path, "header cannot be read");
    return frames(reader.GetFile().GetDataSet(), file);
}

}  // namespace cadview
