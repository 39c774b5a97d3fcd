#include "io/DicomHeaderReader.h"

#include <gdcmReader.h>
#include <gdcmStringFilter.h>
#include <gdcmTag.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "io/DicomHeaderCheck.h"
#include "io/DicomText.h"
#include "io/MultiFrameHeader.h"

namespace cadview {

namespace {

const gdcm::Tag kPixelData(0x7fe0, 0x0010);

struct TagReader {
    const gdcm::DataSet& ds;
    gdcm::StringFilter filter;

    explicit TagReader(const gdcm::File& file) : ds(file.GetDataSet()) { filter.SetFile(file); }

    std::string str(uint16_t group, uint16_t element) {
        const gdcm::Tag tag(group, element);
        if (!ds.FindDataElement(tag) || ds.GetDataElement(tag).IsEmpty()) return {};
        return dicomtext::trim(filter.ToString(tag));
    }
    std::vector<double> numbers(uint16_t group, uint16_t element) {
        return dicomtext::parseNumbers(str(group, element));
    }
    std::optional<double> number(uint16_t group, uint16_t element) {
        auto v = numbers(group, element);
        if (v.empty()) return std::nullopt;
        return v.front();
    }
    int integer(uint16_t group, uint16_t element, int fallback) {
        auto v = number(group, element);
        return v ? int(*v) : fallback;
    }
};

Diagnostic impossible(const std::string& path, const std::string& what) {
    return Diagnostic::error(Diagnostic::Code::UnreadableFile, path, "impossible value: " + what);
}

bool finiteWithin(double v, double limit) {
    return std::isfinite(v) && std::abs(v) <= limit;
}

// Values no real image has, which would otherwise reach the geometry and pixels as inf, NaN or 1e300:
// position, spacing (a spacing of 0 or none is "unknown", a warning later), and the modality rescale.
std::optional<std::string> valueProblem(const DicomInstance& i, TagReader& t) {
    if (i.position)
        for (int a = 0; a < 3; ++a)
            if (!finiteWithin((*i.position)[a], 1e7))
                return "Image Position (Patient) " + t.str(0x0020, 0x0032) + " is not a position in mm";
    for (const auto& tag : {std::pair<uint16_t, uint16_t>{0x0028, 0x0030}, {0x0018, 0x1164}})
        for (const double s : t.numbers(tag.first, tag.second))
            if (!std::isfinite(s) || s < 0 || s > 1e5)
                return "pixel spacing " + t.str(tag.first, tag.second) + " mm cannot be true";
    if (i.pixelSpacing &&
        !(finiteWithin((*i.pixelSpacing)[0], 1e5) && finiteWithin((*i.pixelSpacing)[1], 1e5)))
        return "pixel spacing cannot be true";
    if (!finiteWithin(i.rescaleSlope, 1e10) || !finiteWithin(i.rescaleIntercept, 1e10))
        return "the rescale slope or intercept is not a finite number";
    return std::nullopt;
}

}  // namespace

bool DicomHeaderReader::hasDicomMagic(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char buf[132];
    if (!in.read(buf, sizeof buf)) return false;
    return buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M';
}

std::optional<DicomHeaderReader::Header> DicomHeaderReader::read(const std::string& path,
                                                                 Diagnostic& problem) {
    // GDCM asserts (aborting the process) on some damaged meta groups: those are refused here.
    if (const auto damaged = DicomHeaderCheck::problem(path)) {
        problem = Diagnostic::error(
            Diagnostic::Code::UnreadableFile, path,
            *damaged == DicomHeaderCheck::kNotDicom ? *damaged : "damaged DICOM file: " + *damaged);
        return std::nullopt;
    }
    gdcm::Reader reader;
    reader.SetFileName(path.c_str());
    // Skipping the pixel data leaves its value unread: indexing touches headers only.
    if (!reader.ReadUpToTag(kPixelData, {kPixelData})) {
        problem = Diagnostic::error(Diagnostic::Code::UnreadableFile, path,
                                    "not a DICOM file, or its header is damaged");
        return std::nullopt;
    }
    const gdcm::File& file = reader.GetFile();
    TagReader t(file);

    Header h;
    DicomInstance& i = h.instance;
    i.path = path;
    i.transferSyntax = file.GetHeader().GetDataSetTransferSyntax().GetString()
                           ? file.GetHeader().GetDataSetTransferSyntax().GetString()
                           : "";
    i.transferSyntax = dicomtext::trim(i.transferSyntax);
    i.sopClassUid = t.str(0x0008, 0x0016);
    i.sopInstanceUid = t.str(0x0008, 0x0018);
    i.instanceNumber = t.integer(0x0020, 0x0013, 0);
    i.rows = t.integer(0x0028, 0x0010, 0);
    i.columns = t.integer(0x0028, 0x0011, 0);
    i.frames = std::max(1, t.integer(0x0028, 0x0008, 1));
    i.samplesPerPixel = t.integer(0x0028, 0x0002, 1);
    i.bitsAllocated = t.integer(0x0028, 0x0100, 16);
    i.bitsStored = t.integer(0x0028, 0x0101, i.bitsAllocated);
    i.pixelRepresentation = t.integer(0x0028, 0x0103, 0);
    i.photometric = t.str(0x0028, 0x0004);
    i.acquisitionNumber = t.integer(0x0020, 0x0012, 0);

    if (auto p = t.numbers(0x0020, 0x0032); p.size() == 3) i.position = Vec3{p[0], p[1], p[2]};
    if (auto o = t.numbers(0x0020, 0x0037); o.size() == 6) {
        const Vec3 row{o[0], o[1], o[2]}, col{o[3], o[4], o[5]};
        if (!(norm(row) > 0.5 && norm(col) > 0.5 && norm(row) < 2 && norm(col) < 2) ||
            std::abs(dot(normalized(row), normalized(col))) > 0.1) {
            problem = impossible(path, "Image Orientation (Patient) is not two perpendicular directions");
            return std::nullopt;
        }
        const Vec3 r = normalized(row), c = normalized(col);
        i.orientation = std::array<double, 6>{r[0], r[1], r[2], c[0], c[1], c[2]};
    }
    if (auto s = t.numbers(0x0028, 0x0030); s.size() == 2 && s[0] > 0 && s[1] > 0) {
        i.pixelSpacing = std::array<double, 2>{s[0], s[1]};
    } else if (auto s2 = t.numbers(0x0018, 0x1164); s2.size() == 2 && s2[0] > 0 && s2[1] > 0) {
        i.pixelSpacing = std::array<double, 2>{s2[0], s2[1]};
        i.spacingFromImager = true;
    }
    i.sliceThickness = t.number(0x0018, 0x0050).value_or(0);
    i.rescaleSlope = t.number(0x0028, 0x1053).value_or(1);
    if (i.rescaleSlope == 0) i.rescaleSlope = 1;
    i.rescaleIntercept = t.number(0x0028, 0x1052).value_or(0);
    // RT Dose: stored values times DoseGridScaling are the dose in Gy (there is no RescaleSlope).
    if (!t.number(0x0028, 0x1053))
        if (auto scaling = t.number(0x3004, 0x000e); scaling && *scaling > 0) i.rescaleSlope = *scaling;
    i.windowCenter = t.number(0x0028, 0x1050);
    i.windowWidth = t.number(0x0028, 0x1051);
    if (i.windowWidth && *i.windowWidth <= 0) i.windowWidth.reset();
    // Enhanced images keep geometry, rescale and window in functional groups: take the first frame's.
    MultiFrameHeader::applyFunctionalGroups(file.GetDataSet(), 0, i);
    if (const auto why = valueProblem(i, t)) {
        problem = impossible(path, *why);
        return std::nullopt;
    }

    h.seriesUid = t.str(0x0020, 0x000e);
    h.studyUid = t.str(0x0020, 0x000d);
    h.frameOfReferenceUid = t.str(0x0020, 0x0052);
    h.patientName = t.str(0x0010, 0x0010);
    h.patientId = t.str(0x0010, 0x0020);
    h.studyDescription = t.str(0x0008, 0x1030);
    h.studyDate = t.str(0x0008, 0x0020);
    h.seriesDescription = t.str(0x0008, 0x103e);
    h.modality = t.str(0x0008, 0x0060);
    h.seriesNumber = t.integer(0x0020, 0x0011, 0);
    h.hasImage = i.rows > 0 && i.columns > 0;
    return h;
}

}  // namespace cadview
