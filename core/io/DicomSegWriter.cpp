#include "io/DicomSegWriter.h"
#include "io/DcmtkLog.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires
//
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmiod/iodreferences.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include "io/AtomicFile.h"

namespace cadview {

namespace fs = std::filesystem;

namespace {

void check(const OFCondition& c, const std::string& path, const std::string& what) {
    if (c.bad()) throw std::runtime_error(path + ": cannot " + what + " (" + c.text() + ")");
}

std::string decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v == 0 ? 0.0 : v);  // never "-0"
    std::string s = buf;
    return s.size() <= 16 ? s : std::to_string(v).substr(0, 16);  // DS holds at most 16 characters
}

// LO: at most 64 characters, no backslash or control characters.
std::string longString(const std::string& s) {
    std::string out;
    for (char c : s)
        out += (c == '\\' || static_cast<unsigned char>(c) < 32) ? ' ' : c;
    return out.substr(0, 64);
}

std::string newUid() {
    char uid[100];
    return dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
}

// Patient ID, study and series of the source series, read from its first image's header.
struct SourceIds {
    OFString patientId, studyUid, seriesUid;
};

SourceIds sourceIds(const std::string& file) {
    DcmFileFormat ff;
    check(ff.loadFileUntilTag(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                              DCM_PixelData),
          file, "read the source image");
    SourceIds ids;
    DcmDataset* ds = ff.getDataset();
    ds->findAndGetOFString(DCM_PatientID, ids.patientId);
    ds->findAndGetOFString(DCM_StudyInstanceUID, ids.studyUid);
    ds->findAndGetOFString(DCM_SeriesInstanceUID, ids.seriesUid);
    if (ids.studyUid.empty() || ids.seriesUid.empty())
        throw std::runtime_error(file + ": no StudyInstanceUID or SeriesInstanceUID");
    return ids;
}

// For each slice, which label values it holds.
std::vector<std::array<bool, 256>> labelsPerSlice(const Volume& labels) {
    const auto& s = labels.geometry().size;
    const std::size_t plane = s[0] * s[1];
    std::vector<std::array<bool, 256>> present(s[2]);
    const std::uint8_t* p = labels.as<std::uint8_t>();
    for (std::size_t z = 0; z < s[2]; ++z) {
        present[z].fill(false);
        const std::uint8_t* slice = p + z * plane;
        for (std::size_t i = 0; i < plane; ++i)
            present[z][slice[i]] = true;
    }
    return present;
}

std::unique_ptr<DcmSegment> makeSegment(const LabelEntry& e, const std::string& path) {
    DcmSegment* raw = nullptr;
    const CodeSequenceMacro category("85756007", "SCT", "Tissue");
    const CodeSequenceMacro type("85756007", "SCT", "Tissue");
    const std::string label = longString(e.name.empty() ? "Label " + std::to_string(e.value) : e.name);
    check(DcmSegment::create(raw, label.c_str(), category, type, DcmSegTypes::SAT_MANUAL), path,
          "create segment " + std::to_string(e.value));
    std::unique_ptr<DcmSegment> segment(raw);
    double l, a, b;
    IODCIELabUtil::rgb2DicomLab(l, a, b, e.color[0] / 255.0, e.color[1] / 255.0, e.color[2] / 255.0);
    auto u16 = [](double v) { return Uint16(std::clamp(std::lround(v), 0L, 65535L)); };
    check(segment->setRecommendedDisplayCIELabValue(u16(l), u16(a), u16(b)), path, "set a segment colour");
    check(segment->setSegmentDescription(("cadview label value " + std::to_string(e.value)).c_str()), path,
          "set a segment description");
    return segment;
}

// The per-frame functional groups of slice z: where it is, and the source image it was derived from.
struct FrameGroups {
    FGPlanePosPatient position;
    FGFrameContent content;
    FGDerivationImage derivation;
};

void fillFrameGroups(FrameGroups& fg, const DicomReferenceSeries::Slice& slice, Uint32 segmentNumber,
                     Uint32 sliceIndex, const std::string& path) {
    check(fg.position.setImagePositionPatient(decimal(slice.position[0]).c_str(),
                                              decimal(slice.position[1]).c_str(),
                                              decimal(slice.position[2]).c_str()),
          path, "set a frame position");
    check(fg.content.setDimensionIndexValues(segmentNumber, 0), path, "set a dimension index");
    check(fg.content.setDimensionIndexValues(sliceIndex, 1), path, "set a dimension index");
    fg.derivation.clearData();
    DerivationImageItem* item = nullptr;
    check(fg.derivation.addDerivationImageItem(CodeSequenceMacro("113076", "DCM", "Segmentation"), "", item),
          path, "add a derivation image");
    auto* source = new SourceImageItem();
    item->getSourceImageItems().push_back(source);
    check(source->getPurposeOfReferenceCode().set("121322", "DCM",
                                                  "Source image for image processing operation"),
          path, "set a purpose of reference");
    check(source->getImageSOPInstanceReference().setReferencedSOPClassUID(slice.sopClassUid.c_str()), path,
          "reference a source image");
    check(source->getImageSOPInstanceReference().setReferencedSOPInstanceUID(slice.sopInstanceUid.c_str()),
          path, "reference a source image");
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

std::string DicomSegWriter::gridMismatch(const ImageGeometry& labels, const ImageGeometry& grid,
                                         double toleranceMm) {
    auto size = [](const ImageGeometry& g) {
        return std::to_string(g.size[0]) + "x" + std::to_string(g.size[1]) + "x" + std::to_string(g.size[2]);
    };
    auto vec = [](const Vec3& v) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "(%.4f, %.4f, %.4f)", v[0], v[1], v[2]);
        return std::string(buf);
    };
    if (labels.size != grid.size) return "size " + size(labels) + " differs from the series' " + size(grid);
    for (int a = 0; a < 3; ++a)
        if (std::abs(labels.spacing[a] - grid.spacing[a]) > toleranceMm)
            return "spacing " + vec(labels.spacing) + " differs from the series' " + vec(grid.spacing);
    for (int a = 0; a < 3; ++a)
        if (std::abs(labels.origin[a] - grid.origin[a]) > toleranceMm)
            return "origin " + vec(labels.origin) + " differs from the series' " + vec(grid.origin);
    for (int k = 0; k < 9; ++k)
        if (std::abs(labels.direction[k] - grid.direction[k]) > 1e-3)
            return "direction differs from the series' (axis " + std::to_string(k % 3) + ": " +
                   vec(labels.axis(k % 3)) + " against " + vec(grid.axis(k % 3)) + ")";
    return {};
}

DicomSegWriter::Summary DicomSegWriter::write(const Volume& labels, const LabelTable& table,
                                              const DicomReferenceSeries& reference,
                                              const std::string& path) {
    DcmtkLog::quiet();
    if (labels.empty() || labels.pixelType() != PixelType::UInt8 || labels.components() != 1)
        throw std::runtime_error(path + ": a label map must be an 8-bit unsigned volume with one component");
    if (reference.slices.empty()) throw std::runtime_error(path + ": the reference series has no images");
    const std::string mismatch = gridMismatch(labels.geometry(), reference.geometry);
    if (!mismatch.empty())
        throw std::runtime_error("the label map is not on the reference series' grid: " + mismatch);
    for (const auto& s : reference.slices)
        if (sameFile(path, s.path))
            throw std::runtime_error(path + " is an image of the reference series; it is never overwritten");
    const ImageGeometry& g = labels.geometry();
    if (g.size[0] > 65535 || g.size[1] > 65535)
        throw std::runtime_error(path + ": slices are too large for DICOM");

    const auto present = labelsPerSlice(labels);
    LabelTable names = table;
    std::vector<int> values;
    for (int v = 1; v < 256; ++v)
        for (const auto& slice : present)
            if (slice[std::size_t(v)]) {
                values.push_back(v);
                break;
            }
    if (values.empty()) throw std::runtime_error(path + ": the label map is empty (no labelled voxel)");
    names.addMissing(values);

    const SourceIds ids = sourceIds(reference.slices.front().path);
    const Uint16 rows = Uint16(g.size[1]), columns = Uint16(g.size[0]);
    DcmSegmentation* raw = nullptr;
    check(DcmSegmentation::createBinarySegmentation(
              raw, rows, columns, IODGeneralEquipmentModule::EquipmentInfo("cadview", "cadview", "1", "1.0"),
              ContentIdentificationMacro("1", "LABELS", "Label map drawn in cadview", "cadview")),
          path, "create the segmentation");
    std::unique_ptr<DcmSegmentation> seg(raw);
    check(seg->importFromSourceImage(reference.slices.front().path.c_str()), path,
          "import patient, study and frame of reference from " + reference.slices.front().path);
    Summary summary;
    summary.referencedSeriesUid = ids.seriesUid.c_str();
    summary.sopInstanceUid = newUid();
    check(seg->getSeries().setSeriesInstanceUID(newUid().c_str()), path, "set the series UID");
    check(seg->getSOPCommon().setSOPInstanceUID(summary.sopInstanceUid.c_str()), path, "set the SOP UID");
    check(seg->getSeries().setSeriesNumber("300"), path, "set the series number");
    check(seg->getSeries().setSeriesDescription("cadview labels"), path, "set the series description");

    // Shared: pixel spacing (rows, then columns), slice gap, orientation (row and column directions).
    FGPixelMeasures measures;
    check(measures.setPixelSpacing((decimal(g.spacing[1]) + "\\" + decimal(g.spacing[0])).c_str()), path,
          "set the pixel spacing");
    check(measures.setSliceThickness(decimal(g.spacing[2]).c_str()), path, "set the slice thickness");
    check(measures.setSpacingBetweenSlices(decimal(g.spacing[2]).c_str()), path, "set the slice spacing");
    check(seg->addForAllFrames(measures), path, "add the pixel measures");
    FGPlaneOrientationPatient orientation;
    const Vec3 r = g.axis(0), c = g.axis(1);
    check(orientation.setImageOrientationPatient(decimal(r[0]).c_str(), decimal(r[1]).c_str(),
                                                 decimal(r[2]).c_str(), decimal(c[0]).c_str(),
                                                 decimal(c[1]).c_str(), decimal(c[2]).c_str()),
          path, "set the orientation");
    check(seg->addForAllFrames(orientation), path, "add the orientation");

    const std::size_t plane = g.size[0] * g.size[1];
    std::vector<Uint8> frame(plane);
    FrameGroups fg;
    for (int value : values) {
        std::unique_ptr<DcmSegment> segment = makeSegment(*names.find(value), path);
        Uint16 number = 0;
        check(seg->addSegment(segment.get(), number), path, "add segment " + std::to_string(value));
        segment.release();  // owned by the segmentation now
        ++summary.segments;
        for (std::size_t z = 0; z < g.size[2]; ++z) {
            if (!present[z][std::size_t(value)]) continue;
            const std::uint8_t* slice = labels.as<std::uint8_t>() + z * plane;
            for (std::size_t i = 0; i < plane; ++i)
                frame[i] = slice[i] == value ? 1 : 0;
            fillFrameGroups(fg, reference.slices[z], number, Uint32(z + 1), path);
            OFVector<FGBase*> groups;
            groups.push_back(&fg.position);
            groups.push_back(&fg.content);
            groups.push_back(&fg.derivation);
            check(seg->addFrame(frame.data(), number, groups), path, "add a frame");
            ++summary.frames;
        }
    }

    const OFString dimensions = newUid().c_str();
    IODMultiframeDimensionModule& dims = seg->getDimensions();
    check(dims.addDimensionIndex(DCM_ReferencedSegmentNumber, dimensions, DCM_SegmentIdentificationSequence,
                                 "ReferencedSegmentNumber"),
          path, "add a dimension");
    check(dims.addDimensionIndex(DCM_ImagePositionPatient, dimensions, DCM_PlanePositionSequence,
                                 "ImagePositionPatient"),
          path, "add a dimension");

    IODReferences references;
    for (const auto& s : reference.slices)
        references.add(new IODImageReference(ids.patientId, ids.studyUid, ids.seriesUid,
                                             s.sopInstanceUid.c_str(), s.sopClassUid.c_str()));
    seg->getCommonInstanceReference().addReferences(references, ids.studyUid);

    const std::string temporary = AtomicFile::temporaryPath(path);
    const OFCondition saved = seg->saveFile(temporary.c_str(), EXS_LittleEndianExplicit);
    if (saved.bad()) {
        AtomicFile::discard(temporary);
        throw std::runtime_error(path + ": cannot write the DICOM SEG (" + saved.text() + ")");
    }
    AtomicFile::commit(temporary, path);
    return summary;
}

}  // namespace cadview
