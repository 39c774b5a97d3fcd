#include "io/DicomSeriesReader.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>

#include "io/DicomPixelDecoder.h"
#include "io/LoadError.h"
#include "io/MultiFrameHeader.h"
#include "io/SliceStack.h"
#include "io/StackResampler.h"
#include "jobs/ParallelFor.h"

namespace cadview {

namespace {

bool isMonochrome1(const std::string& pi) {
    return pi == "MONOCHROME1";
}
bool isColour(const DicomInstance& i) {
    return i.samplesPerPixel == 3 || i.photometric == "PALETTE COLOR";
}

// Everything decided before decoding: the grid the files are decoded into, the final grid, and how
// stored values map to output voxels. A multi-frame file is planned like a series whose images are its
// frames.
struct Plan {
    VolumeDescription description;      // the final volume (after resampling, when that happens)
    ImageGeometry decodeGeometry;       // the grid slices are decoded into
    SliceStack stack;                   // the images (files, or frames of one file) along the normal
    std::vector<DicomInstance> frames;  // multi-frame: one header per frame, in file order
    // Header of each decoded slice, in stack order: files of the series, or elements of `frames` (a
    // vector's elements keep their addresses when the plan is moved).
    std::vector<const DicomInstance*> slices;
    const DicomInstance* multiFrameFile = nullptr;  // the file whose frames are decoded, if any
    bool resample = false;
    SliceFormat format;
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
        if (i->rescaleSlope != std::floor(i->rescaleSlope) ||
            i->rescaleIntercept != std::floor(i->rescaleIntercept))
            integer = false;
    }
    if (identity) return storedType(*slices.front());
    if (!integer) return PixelType::Float32;
    for (PixelType t : {PixelType::Int16, PixelType::UInt16, PixelType::Int32})
        if (rescaled.lo >= pixelTypeMin(t) && rescaled.hi <= pixelTypeMax(t)) return t;
    return PixelType::Float32;
}

Plan makePlan(const SeriesEntry& series, const LoadOptions& options) {
    if (series.instances.empty()) throw LoadError(Diagnostic::Code::UnreadableFile, series.uid, "no images");
    Plan plan;
    VolumeDescription& d = plan.description;
    const DicomInstance& file = series.instances.front();
    if (file.frames > 1) {
        plan.multiFrameFile = &file;
        plan.frames = MultiFrameHeader::frames(file);
        plan.stack = SliceStack::analyze(plan.frames, series.uid);
        for (std::size_t k : plan.stack.order)
            plan.slices.push_back(&plan.frames[k]);
        // Frames without positions of their own (cine, or no geometry at all) start at the file's.
        const bool positioned = std::all_of(plan.frames.begin(), plan.frames.end(),
                                            [](const DicomInstance& f) { return f.position.has_value(); });
        if (!positioned && file.position)
            plan.stack.stackGeometry.origin = plan.stack.regularGeometry.origin = *file.position;
    } else {
        plan.stack = SliceStack::analyze(series.instances, series.uid);
        for (std::size_t k : plan.stack.order)
            plan.slices.push_back(&series.instances[k]);
    }
    const DicomInstance& first = *plan.slices.front();
    plan.decodeGeometry = plan.stack.stackGeometry;
    plan.resample = !plan.stack.regular && options.resampleIrregular;
    d.geometry = plan.resample ? plan.stack.regularGeometry : plan.stack.stackGeometry;
    d.diagnostics = plan.stack.diagnostics;
    if (plan.resample)
        d.diagnostics.push_back(
            Diagnostic::info(Diagnostic::Code::Resampled, series.uid, {}, d.geometry.spacing[2]));
    if (!first.pixelSpacing)
        d.diagnostics.push_back(Diagnostic::warning(Diagnostic::Code::SpacingUnknown, series.uid));
    if (d.geometry.size[2] > 1) {
        const double oblique = d.geometry.obliquityDegrees();
        if (oblique > 1.0 && !plan.stack.tiltDegrees)
            d.diagnostics.push_back(Diagnostic::info(Diagnostic::Code::Oblique, series.uid, {}, oblique));
    }

    SliceFormat& format = plan.format;
    format.columns = plan.decodeGeometry.size[0];
    format.rows = plan.decodeGeometry.size[1];
    Range rescaled{0, 0};
    if (isColour(first)) {
        d.components = 3;
        d.pixelType = PixelType::UInt8;
    } else {
        // The same slopes and intercepts the slices are converted with (per frame for multi-frame files).
        d.pixelType = chooseOutputType(plan.slices, rescaled);
        format.invert = isMonochrome1(first.photometric);
        format.invertSum = rescaled.lo + rescaled.hi;
    }
    format.components = d.components;
    format.type = d.pixelType;
    format.blank = pixelTypeMin(d.pixelType) < 0 && series.modality == "CT" ? -1024.0 : 0.0;

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
        info.windowCenter = format.invert ? format.invertSum - *first.windowCenter : *first.windowCenter;
        info.windowWidth = *first.windowWidth;
    }
    return plan;
}

void fillSlices(std::byte* dst, std::size_t count, PixelType type, double value) {
    dispatchPixelType(type, [&](auto v) {
        using T = decltype(v);
        std::fill_n(reinterpret_cast<T*>(dst), count, T(value));
    });
}

}  // namespace

VolumeDescription DicomSeriesReader::describe(const SeriesEntry& series, const LoadOptions& options) {
    return makePlan(series, options).description;
}

Volume DicomSeriesReader::read(const SeriesEntry& series, const LoadOptions& options, JobContext& job) {
    const Plan plan = makePlan(series, options);
    const VolumeDescription& d = plan.description;
    Volume stack(plan.decodeGeometry, d.pixelType, d.components);
    stack.info() = d.info;
    const std::size_t n = plan.slices.size();
    // One task per file: every slice of a single-frame series, or all the frames of a multi-frame file.
    const std::size_t tasks = plan.multiFrameFile ? 1 : n;

    // Decode the middle slice first so a preview can be shown while the rest loads.
    std::vector<std::size_t> order(tasks);
    for (std::size_t k = 0; k < tasks; ++k)
        order[k] = k;
    if (tasks > 2) std::rotate(order.begin(), order.begin() + tasks / 2, order.begin() + tasks / 2 + 1);

    std::mutex resultMutex;
    Diagnostics failures, warnings;
    job.setStage(JobStage::Decoding, tasks);
    parallelFor(
        tasks, job,
        [&](std::size_t item) {
            thread_local std::vector<char> scratch;
            const std::size_t k = order[item];
            std::vector<SliceTarget> targets;
            if (plan.multiFrameFile) {
                for (std::size_t z = 0; z < n; ++z)
                    targets.push_back(
                        {std::size_t(plan.slices[z]->instanceNumber), stack.slice(z), plan.slices[z]});
            } else {
                targets.push_back({0, stack.slice(k), plan.slices[k]});
            }
            const DicomInstance& file = plan.multiFrameFile ? *plan.multiFrameFile : *plan.slices[k];
            try {
                Diagnostics w = DicomPixelDecoder::decode(file, targets, plan.format, scratch);
                if (!w.empty()) {
                    std::lock_guard lock(resultMutex);
                    warnings.insert(warnings.end(), w.begin(), w.end());
                }
            } catch (const LoadError& e) {
                for (const SliceTarget& t : targets)
                    fillSlices(t.dst, stack.sliceBytes() / bytesPerComponent(d.pixelType), d.pixelType,
                               plan.format.blank);
                std::lock_guard lock(resultMutex);
                failures.push_back(e.diagnostic());
            }
            if (item == 0 && options.onPreview) {
                const std::size_t z = plan.multiFrameFile ? n / 2 : k;
                ImageGeometry g = stack.geometry();
                g.origin = g.indexToPhysical({0, 0, double(z)});
                g.size[2] = 1;
                Volume preview(g, d.pixelType, d.components);
                std::memcpy(preview.data(), stack.slice(z), stack.sliceBytes());
                preview.info() = d.info;
                options.onPreview(preview);
            }
            job.advance();
        },
        options.threads);

    if (failures.size() == tasks) {
        Diagnostic first = failures.front();
        if (tasks > 1) first.detail += "; no image of the series could be decoded";
        throw LoadError(first);
    }
    stack.diagnostics() = d.diagnostics;
    for (auto& w : warnings)
        stack.diagnostics().push_back(std::move(w));
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
