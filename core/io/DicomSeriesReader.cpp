#include "io/DicomSeriesReader.h"

#include <gdcmImageApplyLookupTable.h>
#include <gdcmImageChangePhotometricInterpretation.h>
#include <gdcmImageChangePlanarConfiguration.h>
#include <gdcmImageHelper.h>
#include <gdcmImageReader.h>
#include <gdcmReader.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>

#include "io/LoadError.h"
#include "io/PixelConverter.h"
#include "io/SliceStack.h"
#include "io/StackResampler.h"
#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

bool isMonochrome1(const std::string& pi) { return pi == "MONOCHROME1"; }
bool isColour(const DicomInstance& i) { return i.samplesPerPixel == 3 || i.photometric == "PALETTE COLOR"; }

// Everything decided before decoding: the grid the files are decoded into, the final grid, and how
// stored values map to output voxels.
struct Plan {
    VolumeDescription description;     // the final volume (after resampling, when that happens)
    ImageGeometry decodeGeometry;      // the grid slices are decoded into
    SliceStack stack;                  // single-frame series only
    std::vector<const DicomInstance*> slices;  // file of each decoded slice (one file for multi-frame)
    bool multiFrame = false;
    bool resample = false;
    bool invert = false;
    double invertSum = 0;
};

struct Range {
    double lo, hi;
};

Range storedRange(const DicomInstance& i) {
    const int bits = std::clamp(i.bitsStored, 1, 32);
    if (i.pixelRepresentation == 1) return {-std::ldexp(1.0, bits - 1), std::ldexp(1.0, bits - 1) - 1};
    return {0.0, std::ldexp(1.0, bits) - 1};
}

PixelType storedType(const DicomInstance& i) {
    const bool s = i.pixelRepresentation == 1;
    if (i.bitsAllocated <= 8) return s ? PixelType::Int8 : PixelType::UInt8;
    if (i.bitsAllocated <= 16) return s ? PixelType::Int16 : PixelType::UInt16;
    return s ? PixelType::Int32 : PixelType::UInt32;
}

// Smallest type that holds every rescaled value of the series exactly.
PixelType chooseOutputType(const std::vector<const DicomInstance*>& slices, Range& rescaled) {
    bool identity = true, integer = true;
    rescaled = {1e300, -1e300};
    for (const DicomInstance* i : slices) {
        const Range r = storedRange(*i);
        const double a = r.lo * i->rescaleSlope + i->rescaleIntercept;
        const double b = r.hi * i->rescaleSlope + i->rescaleIntercept;
        rescaled = {std::min({rescaled.lo, a, b}), std::max({rescaled.hi, a, b})};
        if (i->rescaleSlope != 1 || i->rescaleIntercept != 0) identity = false;
        if (i->rescaleSlope != std::floor(i->rescaleSlope) || i->rescaleIntercept != std::floor(i->rescaleIntercept))
            integer = false;
    }
    if (identity) return storedType(*slices.front());
    if (!integer) return PixelType::Float32;
    for (PixelType t : {PixelType::Int16, PixelType::UInt16, PixelType::Int32})
        if (rescaled.lo >= pixelTypeMin(t) && rescaled.hi <= pixelTypeMax(t)) return t;
    return PixelType::Float32;
}

ImageGeometry multiFrameGeometry(const DicomInstance& inst) {
    gdcm::Reader reader;
    reader.SetFileName(inst.path.c_str());
    if (!reader.ReadUpToTag(gdcm::Tag(0x7fe0, 0x0010)))
        throw LoadError(Diagnostic::Code::UnreadableFile, inst.path, "header cannot be read");
    const gdcm::File& f = reader.GetFile();
    ImageGeometry g;
    g.size = {std::size_t(inst.columns), std::size_t(inst.rows), std::size_t(inst.frames)};
    const auto origin = gdcm::ImageHelper::GetOriginValue(f);
    const auto spacing = gdcm::ImageHelper::GetSpacingValue(f);
    const auto cosines = gdcm::ImageHelper::GetDirectionCosinesValue(f);
    if (origin.size() >= 3) g.origin = {origin[0], origin[1], origin[2]};
    if (spacing.size() >= 3)
        for (int a = 0; a < 3; ++a) g.spacing[a] = spacing[a] > 0 ? spacing[a] : 1.0;
    if (cosines.size() == 6) {
        const Vec3 r = normalized({cosines[0], cosines[1], cosines[2]});
        const Vec3 c = normalized({cosines[3], cosines[4], cosines[5]});
        const Vec3 n = normalized(cross(r, c));
        if (norm(n) > 0.5) {
            g.setAxis(0, r);
            g.setAxis(1, normalized(cross(n, r)));
            g.setAxis(2, n);
        }
    }
    return g;
}

Plan makePlan(const SeriesEntry& series, const LoadOptions& options) {
    if (series.instances.empty()) throw LoadError(Diagnostic::Code::UnreadableFile, series.uid, "no images");
    Plan plan;
    VolumeDescription& d = plan.description;
    const DicomInstance& first = series.instances.front();
    plan.multiFrame = first.frames > 1;
    if (plan.multiFrame) {
        plan.slices = {&first};
        plan.decodeGeometry = multiFrameGeometry(first);
        d.geometry = plan.decodeGeometry;
    } else {
        plan.stack = SliceStack::analyze(series.instances, series.uid);
        for (std::size_t k : plan.stack.order) plan.slices.push_back(&series.instances[k]);
        plan.decodeGeometry = plan.stack.stackGeometry;
        plan.resample = !plan.stack.regular && options.resampleIrregular;
        d.geometry = plan.resample ? plan.stack.regularGeometry : plan.stack.stackGeometry;
        d.diagnostics = plan.stack.diagnostics;
        if (plan.resample)
            d.diagnostics.push_back(
                Diagnostic::info(Diagnostic::Code::Resampled, series.uid, {}, d.geometry.spacing[2]));
    }
    const bool spacingKnown = first.pixelSpacing || (plan.multiFrame && (d.geometry.spacing[0] != 1.0 || d.geometry.spacing[1] != 1.0));
    if (!spacingKnown)
        d.diagnostics.push_back(Diagnostic::warning(Diagnostic::Code::SpacingUnknown, series.uid));
    if (d.geometry.size[2] > 1) {
        const double oblique = d.geometry.obliquityDegrees();
        if (oblique > 1.0 && !plan.stack.tiltDegrees)
            d.diagnostics.push_back(Diagnostic::info(Diagnostic::Code::Oblique, series.uid, {}, oblique));
    }

    Range rescaled{0, 0};
    if (isColour(first)) {
        d.components = 3;
        d.pixelType = PixelType::UInt8;
    } else {
        d.pixelType = chooseOutputType(plan.slices, rescaled);
        plan.invert = isMonochrome1(first.photometric);
        plan.invertSum = rescaled.lo + rescaled.hi;
    }

    VolumeInfo& info = d.info;
    info.source = series.path;
    info.uid = series.uid;
    info.modality = series.modality;
    info.seriesDescription = series.seriesDescription;
    info.studyDescription = series.studyDescription;
    info.studyDate = series.studyDate;
    info.patientName = series.patientName;
    info.patientId = series.patientId;
    info.format = "DICOM";
    info.is2D = d.geometry.size[2] == 1;
    if (first.windowCenter && first.windowWidth) {
        info.windowCenter = plan.invert ? plan.invertSum - *first.windowCenter : *first.windowCenter;
        info.windowWidth = *first.windowWidth;
    }
    return plan;
}

void fillSlice(std::byte* dst, std::size_t count, PixelType type, double value) {
    dispatchPixelType(type, [&](auto v) {
        using T = decltype(v);
        std::fill_n(reinterpret_cast<T*>(dst), count, T(value));
    });
}

const gdcm::Tag kPixelData(0x7fe0, 0x0010);

bool readFully(int fd, std::byte* dst, std::size_t bytes, off_t offset) {
    while (bytes > 0) {
        const ssize_t n = ::pread(fd, dst, bytes, offset);
        if (n <= 0) return false;
        dst += n;
        offset += n;
        bytes -= std::size_t(n);
    }
    return true;
}

// Uncompressed little-endian grey-scale single-frame files (most CT and MR): the stored values are read
// straight into the output slice and converted there. GDCM's pixel pipeline (Image::GetBuffer) would
// copy them through string streams and clean overlay bits that PixelConverter masks anyway. Returns
// false, having written nothing, when the file is not of that kind: the caller then uses GDCM.
bool readNative(const DicomInstance& inst, const Plan& plan, std::byte* dst) {
    const VolumeDescription& d = plan.description;
    if (plan.multiFrame || d.components != 1 || inst.samplesPerPixel != 1) return false;
    if (inst.transferSyntax != "1.2.840.10008.1.2" && inst.transferSyntax != "1.2.840.10008.1.2.1") return false;
    if (inst.bitsAllocated != 8 && inst.bitsAllocated != 16 && inst.bitsAllocated != 32) return false;
    const std::size_t nx = plan.decodeGeometry.size[0], ny = plan.decodeGeometry.size[1];
    if (std::size_t(inst.columns) != nx || std::size_t(inst.rows) != ny) return false;
    PixelMapping m;
    m.bitsAllocated = inst.bitsAllocated;
    m.bitsStored = inst.bitsStored;
    m.sourceSigned = inst.pixelRepresentation == 1;
    m.output = d.pixelType;
    m.slope = inst.rescaleSlope;
    m.intercept = inst.rescaleIntercept;
    m.invert = plan.invert;
    m.invertSum = plan.invertSum;
    if (!PixelConverter::canConvertInPlace(m)) return false;

    // Parse the header only; the pixel data element is skipped, leaving the stream at its value.
    gdcm::Reader reader;
    reader.SetFileName(inst.path.c_str());
    if (!reader.ReadUpToTag(kPixelData, {kPixelData})) return false;
    const std::size_t offset = reader.GetStreamCurrentPosition();
    const std::size_t bytes = nx * ny * std::size_t(inst.bitsAllocated / 8);
    if (offset == std::size_t(-1) || offset < 8) return false;

    const int fd = ::open(inst.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    // The element's 32-bit length sits just before its value (implicit VR, and explicit VR OB/OW).
    unsigned char head[8];
    bool ok = readFully(fd, reinterpret_cast<std::byte*>(head), 8, off_t(offset - 8));
    const std::uint32_t length = std::uint32_t(head[4]) | std::uint32_t(head[5]) << 8 |
                                 std::uint32_t(head[6]) << 16 | std::uint32_t(head[7]) << 24;
    ok = ok && (length == bytes || length == bytes + 1);
    ok = ok && readFully(fd, dst, bytes, off_t(offset));
    ::close(fd);
    if (!ok) return false;
    PixelConverter::convert(dst, dst, nx * ny, m);
    return true;
}

// Decodes one file (all its frames) into `dst`, which holds `frames` slices of the output type.
void decodeFile(const DicomInstance& inst, const Plan& plan, std::byte* dst, std::vector<char>& scratch) {
    if (readNative(inst, plan, dst)) return;
    const VolumeDescription& d = plan.description;
    // Debian's GDCM is built with assertions: files it would abort on are refused here.
    if (inst.bitsAllocated % 8 != 0 || inst.bitsAllocated > 32 || inst.bitsAllocated == 0)
        throw LoadError(Diagnostic::Code::UnsupportedFile, inst.path,
                        std::to_string(inst.bitsAllocated) + "-bit pixels (e.g. binary segmentations) are not supported");
    if (inst.sopClassUid == "1.2.840.10008.5.1.4.1.1.481.2" && inst.frames == 1)
        throw LoadError(Diagnostic::Code::UnsupportedFile, inst.path, "single-frame RT dose in this encoding is not supported");
    gdcm::ImageReader reader;
    reader.SetFileName(inst.path.c_str());
    if (!reader.Read())
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "GDCM cannot read the file");
    // GDCM filters hold their input through a reference-counting smart pointer: they must only see
    // images owned by the reader or by another filter, never a copy on the stack. So the chain below
    // passes pointers and keeps every filter alive until the buffer is read.
    const gdcm::Image* current = &reader.GetImage();
    gdcm::ImageApplyLookupTable lut;
    gdcm::ImageChangePhotometricInterpretation change;
    gdcm::ImageChangePlanarConfiguration planar;
    const std::size_t nx = plan.decodeGeometry.size[0], ny = plan.decodeGeometry.size[1];
    const std::size_t frames = plan.multiFrame ? plan.decodeGeometry.size[2] : 1;
    if (current->GetDimension(0) != nx || current->GetDimension(1) != ny ||
        (current->GetNumberOfDimensions() > 2 ? current->GetDimension(2) : 1) != frames)
        throw LoadError(Diagnostic::Code::InconsistentImages, inst.path, "image size differs from the series");

    const std::size_t pixels = nx * ny * frames;
    if (d.components == 3) {
        if (current->GetPhotometricInterpretation() == gdcm::PhotometricInterpretation::PALETTE_COLOR) {
            lut.SetInput(*current);
            if (!lut.Apply()) throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "palette lookup failed");
            current = &lut.GetOutput();
        }
        const auto pi = current->GetPhotometricInterpretation();
        if (pi == gdcm::PhotometricInterpretation::YBR_FULL || pi == gdcm::PhotometricInterpretation::YBR_FULL_422) {
            change.SetInput(*current);
            change.SetPhotometricInterpretation(gdcm::PhotometricInterpretation::RGB);
            if (change.Change()) current = &change.GetOutput();
        }
        if (current->GetPlanarConfiguration() != 0) {
            planar.SetInput(*current);
            planar.SetPlanarConfiguration(0);
            if (planar.Change()) current = &planar.GetOutput();
        }
    }
    const gdcm::Image& image = *current;

    const gdcm::PixelFormat pf = image.GetPixelFormat();
    const int bitsAllocated = pf.GetBitsAllocated();
    if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32 && bitsAllocated != 64)
        throw LoadError(Diagnostic::Code::UnsupportedFile, inst.path,
                        std::to_string(bitsAllocated) + "-bit pixels are not supported");
    const int samples = pf.GetSamplesPerPixel();
    if (samples != d.components)
        throw LoadError(Diagnostic::Code::InconsistentImages, inst.path, "samples per pixel differ from the series");
    const std::size_t expected = pixels * std::size_t(samples) * std::size_t(bitsAllocated / 8);
    if (image.GetBufferLength() != expected)
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "pixel data has an unexpected length");

    PixelMapping m;
    m.bitsAllocated = bitsAllocated;
    m.bitsStored = pf.GetBitsStored();
    m.sourceSigned = pf.GetPixelRepresentation() == 1;
    m.sourceFloat = pf.GetScalarType() == gdcm::PixelFormat::FLOAT32 || pf.GetScalarType() == gdcm::PixelFormat::FLOAT64;
    m.output = d.pixelType;
    if (d.components == 3) {
        // 16-bit colour keeps its top 8 stored bits.
        m.slope = m.bitsStored > 8 ? 1.0 / double(1 << (m.bitsStored - 8)) : 1.0;
    } else {
        m.slope = plan.multiFrame ? image.GetSlope() : inst.rescaleSlope;
        m.intercept = plan.multiFrame ? image.GetIntercept() : inst.rescaleIntercept;
        m.invert = plan.invert;
        m.invertSum = plan.invertSum;
    }
    const std::size_t count = pixels * std::size_t(samples);
    if (PixelConverter::canConvertInPlace(m)) {
        if (!image.GetBuffer(reinterpret_cast<char*>(dst)))
            throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "pixel data cannot be decoded");
        PixelConverter::convert(dst, dst, count, m);
    } else {
        scratch.resize(expected);
        if (!image.GetBuffer(scratch.data()))
            throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "pixel data cannot be decoded");
        PixelConverter::convert(scratch.data(), dst, count, m);
    }
}

}  // namespace

VolumeDescription DicomSeriesReader::describe(const SeriesEntry& series, const LoadOptions& options) {
    return makePlan(series, options).description;
}

Volume DicomSeriesReader::read(const SeriesEntry& series, const LoadOptions& options, JobContext& job) {
    Plan plan = makePlan(series, options);
    const VolumeDescription& d = plan.description;
    Volume stack(plan.decodeGeometry, d.pixelType, d.components);
    stack.info() = d.info;

    // Decode the middle slice first so a preview can be shown while the rest loads.
    const std::size_t n = plan.slices.size();
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    if (n > 2) std::rotate(order.begin(), order.begin() + n / 2, order.begin() + n / 2 + 1);

    std::mutex failMutex;
    Diagnostics failures;
    const double blank = pixelTypeMin(d.pixelType) < 0 && d.info.modality == "CT" ? -1024.0 : 0.0;
    job.setStage(JobStage::Decoding, plan.multiFrame ? 1 : n);
    parallelFor(
        n, job,
        [&](std::size_t item) {
            thread_local std::vector<char> scratch;
            const std::size_t k = order[item];
            std::byte* dst = stack.slice(k);
            try {
                decodeFile(*plan.slices[k], plan, dst, scratch);
            } catch (const LoadError& e) {
                fillSlice(dst, plan.multiFrame ? stack.voxelCount() * std::size_t(d.components)
                                               : stack.sliceBytes() / bytesPerComponent(d.pixelType),
                          d.pixelType, blank);
                std::lock_guard lock(failMutex);
                failures.push_back(e.diagnostic());
            }
            if (item == 0 && options.onPreview) {
                ImageGeometry g = stack.geometry();
                g.origin = g.indexToPhysical({0, 0, double(k)});
                g.size[2] = 1;
                Volume preview(g, d.pixelType, d.components);
                std::memcpy(preview.data(), dst, stack.sliceBytes());
                preview.info() = d.info;
                options.onPreview(preview);
            }
            job.advance();
        },
        options.threads);

    if (failures.size() == n) {
        Diagnostic first = failures.front();
        if (n > 1) first.detail += "; no image of the series could be decoded";
        throw LoadError(first);
    }
    stack.diagnostics() = d.diagnostics;
    for (auto& f : failures) {
        f.severity = Diagnostic::Severity::Warning;
        f.detail += "; the slice is shown blank";
        stack.diagnostics().push_back(std::move(f));
    }
    if (!plan.resample) return stack;
    Volume out = StackResampler::resample(stack, plan.stack, job);
    return out;
}

}  // namespace cadview
