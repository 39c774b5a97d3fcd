#include "io/DicomSegReader.h"
#include "io/DcmtkLog.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires
//
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

namespace cadview {

namespace {

struct Frame {
    Vec3 position;
    int value = 0;
    std::size_t number = 0;
};

template <typename G>
G* group(DcmSegmentation& seg, std::size_t frame, DcmFGTypes::E_FGType type) {
    return dynamic_cast<G*>(seg.getFunctionalGroups().get(Uint32(frame), type));
}

// The label value a segment gets: "cadview label value N" in its description, else its number.
int valueOf(DcmSegment& segment, std::size_t number) {
    OFString description;
    segment.getSegmentDescription(description);
    const std::string prefix = "cadview label value ";
    const std::string d = description.c_str();
    if (d.rfind(prefix, 0) == 0) {
        try {
            const int v = std::stoi(d.substr(prefix.size()));
            if (v >= 1 && v <= 255) return v;
        } catch (const std::exception&) {
        }
    }
    return int(number);
}

// The SEG's own grid: orientation and pixel spacing from the shared groups, slices spanning the frames.
ImageGeometry ownGrid(DcmSegmentation& seg, const std::vector<Frame>& frames, Uint16 rows, Uint16 columns,
                      const Vec3& row, const Vec3& column, const std::string& path) {
    ImageGeometry g;
    const Vec3 normal = normalized(cross(row, column));
    g.setAxis(0, row);
    g.setAxis(1, column);
    g.setAxis(2, normal);
    Float64 rowSpacing = 1, columnSpacing = 1, gap = 0;
    if (auto* m = group<FGPixelMeasures>(seg, 0, DcmFGTypes::EFG_PIXELMEASURES)) {
        m->getPixelSpacing(rowSpacing, 0);
        m->getPixelSpacing(columnSpacing, 1);
        m->getSpacingBetweenSlices(gap);
    }
    std::vector<double> along;
    for (const Frame& f : frames)
        along.push_back(dot(f.position, normal));
    std::sort(along.begin(), along.end());
    along.erase(
        std::unique(along.begin(), along.end(), [](double a, double b) { return std::abs(a - b) < 1e-3; }),
        along.end());
    if (!(gap > 0)) {
        gap = 0;
        for (std::size_t k = 1; k < along.size(); ++k)
            if (gap == 0 || along[k] - along[k - 1] < gap) gap = along[k] - along[k - 1];
        if (!(gap > 0)) gap = 1;
    }
    const auto lowest = std::min_element(frames.begin(), frames.end(), [&](const Frame& a, const Frame& b) {
        return dot(a.position, normal) < dot(b.position, normal);
    });
    g.spacing = {columnSpacing, rowSpacing, gap};
    g.origin = lowest->position;
    const double extent = (along.back() - along.front()) / gap;
    if (extent > 100000) throw std::runtime_error(path + ": frames span too many slices");
    g.size = {columns, rows, std::size_t(std::lround(extent)) + 1};
    return g;
}

}  // namespace

DicomSegReader::Result DicomSegReader::read(const std::string& path,
                                            const std::optional<ImageGeometry>& grid) {
    DcmtkLog::quiet();
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error(path + ": no such file");
    DcmFileFormat file;
    const OFCondition opened = file.loadFile(path.c_str());
    if (opened.bad()) throw std::runtime_error(path + ": not a readable DICOM file (" + opened.text() + ")");
    Uint16 rows = 0, columns = 0;
    file.getDataset()->findAndGetUint16(DCM_Rows, rows);
    file.getDataset()->findAndGetUint16(DCM_Columns, columns);
    DcmSegmentation* raw = nullptr;
    const OFCondition loaded = DcmSegmentation::loadDataset(*file.getDataset(), raw);
    std::unique_ptr<DcmSegmentation> seg(raw);
    if (loaded.bad() || !seg)
        throw std::runtime_error(path + ": not a readable DICOM Segmentation (" + loaded.text() + ")");
    const std::size_t frameCount = seg->getNumberOfFrames();
    if (rows == 0 || columns == 0 || frameCount == 0)
        throw std::runtime_error(path + ": the SEG has no frames");

    Result result;
    std::map<std::size_t, int> valueOfSegment;
    for (std::size_t n = 1; n <= seg->getNumberOfSegments(); ++n) {
        DcmSegment* s = seg->getSegment(n);
        if (!s) continue;
        LabelEntry e;
        e.value = valueOf(*s, n);
        if (e.value > 255) throw std::runtime_error(path + ": more than 255 segments");
        OFString label;
        s->getSegmentLabel(label);
        e.name = label.empty() ? "Label " + std::to_string(e.value) : label.c_str();
        Uint16 l = 0, a = 0, b = 0;
        e.color = LabelTable::paletteColor(e.value);
        if (s->getRecommendedDisplayCIELabValue(l, a, b).good()) {
            double r = 0, g = 0, bl = 0;
            IODCIELabUtil::dicomLab2RGB(r, g, bl, l, a, b);
            auto u8 = [](double v) { return std::uint8_t(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
            e.color = {u8(r), u8(g), u8(bl)};
        }
        result.table.set(e);
        valueOfSegment[n] = e.value;
    }

    Vec3 row{1, 0, 0}, column{0, 1, 0};
    if (auto* o = group<FGPlaneOrientationPatient>(*seg, 0, DcmFGTypes::EFG_PLANEORIENTPATIENT)) {
        Float64 v[6];
        if (o->getImageOrientationPatient(v[0], v[1], v[2], v[3], v[4], v[5]).good()) {
            row = normalized(Vec3{v[0], v[1], v[2]});
            column = normalized(Vec3{v[3], v[4], v[5]});
        }
    }
    std::vector<Frame> frames(frameCount);
    for (std::size_t k = 0; k < frameCount; ++k) {
        auto* p = group<FGPlanePosPatient>(*seg, k, DcmFGTypes::EFG_PLANEPOSPATIENT);
        auto* s = group<FGSegmentation>(*seg, k, DcmFGTypes::EFG_SEGMENTATION);
        Float64 x = 0, y = 0, z = 0;
        Uint16 number = 0;
        if (!p || p->getImagePositionPatient(x, y, z).bad() || !s ||
            s->getReferencedSegmentNumber(number).bad())
            throw std::runtime_error(path + ": frame " + std::to_string(k + 1) +
                                     " has no plane position or segment number");
        const auto it = valueOfSegment.find(number);
        if (it == valueOfSegment.end())
            throw std::runtime_error(path + ": frame " + std::to_string(k + 1) + " refers to segment " +
                                     std::to_string(number) + ", which is not defined");
        frames[k] = {Vec3{x, y, z}, it->second, k};
    }

    ImageGeometry g = grid ? *grid : ownGrid(*seg, frames, rows, columns, row, column, path);
    if (g.size[0] != columns || g.size[1] != rows)
        throw std::runtime_error(path + ": frames are " + std::to_string(columns) + "x" +
                                 std::to_string(rows) + ", the grid's slices " + std::to_string(g.size[0]) +
                                 "x" + std::to_string(g.size[1]));
    if (norm(g.axis(0) - row) > 1e-3 || norm(g.axis(1) - column) > 1e-3)
        throw std::runtime_error(path + ": the frames' orientation differs from the grid's");

    Volume labels(g, PixelType::UInt8, 1);
    std::memset(labels.data(), 0, labels.bytes());
    const std::size_t plane = std::size_t(rows) * columns;
    const bool binary = seg->getSegmentationType() == DcmSegTypes::ST_BINARY;
    for (const Frame& f : frames) {
        const Vec3 index = g.physicalToIndex(f.position);
        const double zr = std::round(index[2]);
        if (std::abs(index[0]) > 1e-2 || std::abs(index[1]) > 1e-2 || std::abs(index[2] - zr) > 1e-2 ||
            zr < 0 || zr >= double(g.size[2]))
            throw std::runtime_error(path + ": frame " + std::to_string(f.number + 1) +
                                     " does not lie on a slice of the grid");
        const DcmIODTypes::Frame* data = seg->getFrame(f.number);
        if (!data || !data->pixData)
            throw std::runtime_error(path + ": frame " + std::to_string(f.number + 1) + " has no pixel data");
        std::unique_ptr<DcmIODTypes::Frame> unpacked;
        const Uint8* pixels = data->pixData;
        if (binary && data->length < plane) {
            unpacked.reset(DcmSegUtils::unpackBinaryFrame(data, rows, columns));
            if (!unpacked)
                throw std::runtime_error(path + ": cannot unpack frame " + std::to_string(f.number + 1));
            pixels = unpacked->pixData;
        } else if (data->length < plane) {
            throw std::runtime_error(path + ": frame " + std::to_string(f.number + 1) + " is too short");
        }
        std::uint8_t* slice = labels.as<std::uint8_t>() + std::size_t(zr) * plane;
        for (std::size_t i = 0; i < plane; ++i)
            if (pixels[i]) slice[i] = std::uint8_t(f.value);
    }
    OFVector<IODSeriesAndInstanceReferenceMacro::ReferencedSeriesItem*>& series =
        seg->getCommonInstanceReference().getReferencedSeriesItems();
    if (!series.empty() && series.front()) {
        OFString uid;
        series.front()->getSeriesInstanceUID(uid);
        result.referencedSeriesUid = uid.c_str();
    }
    labels.info().source = path;
    labels.info().uid = path;
    labels.info().format = "DICOM SEG";
    result.labels = std::move(labels);
    result.frames = frameCount;
    return result;
}

}  // namespace cadview
