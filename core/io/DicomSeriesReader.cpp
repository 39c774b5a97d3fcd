#include "io/DicomSeriesReader.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include "io/ChildProcess.h"
#include "io/ChildWorkers.h"
#include "io/DicomPixelDecoder.h"
#include "io/LoadError.h"
#include "io/MemoryBudget.h"
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
    SliceFormat format;  // what the decoder writes: full-size slices
    // Downsampled load: slices[] holds every k-th slice, decodeGeometry and description the reduced grid,
    // and each slice is decoded at full size into a scratch buffer, then every k-th pixel kept.
    unsigned downsample = 1;
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

Plan makeFullPlan(const SeriesEntry& series, const LoadOptions& options) {
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

std::string ordinal(unsigned k) {
    return std::to_string(k) + (k == 2 ? "nd" : k == 3 ? "rd" : "th");
}

std::size_t reduced(std::size_t n, unsigned k) {
    return (n + k - 1) / k;
}

// The grid of every k-th voxel along each axis of `g`: same origin and directions, spacing k times.
ImageGeometry everyKth(ImageGeometry g, unsigned k) {
    for (int a = 0; a < 3; ++a) {
        g.size[a] = reduced(g.size[a], k);
        g.spacing[a] *= k;
    }
    return g;
}

std::uint64_t bytesOf(const ImageGeometry& g, const VolumeDescription& d) {
    return std::uint64_t(g.voxelCount()) * std::uint64_t(d.components) * bytesPerComponent(d.pixelType);
}

// Memory a load with factor k needs: the decoded stack, the resampled volume when there is one, and
// the decoder's buffers (a multi-frame file is decoded whole by GDCM; single frames one per thread).
std::uint64_t bytesNeeded(const Plan& full, unsigned k, const LoadOptions& options) {
    const VolumeDescription& d = full.description;
    std::uint64_t total = bytesOf(everyKth(full.decodeGeometry, k), d);
    if (full.resample) total += bytesOf(everyKth(d.geometry, k), d);
    const DicomInstance& first = full.multiFrameFile ? *full.multiFrameFile : *full.slices.front();
    const std::uint64_t storedFrame = std::uint64_t(std::max(first.rows, 0)) *
                                      std::uint64_t(std::max(first.columns, 0)) *
                                      std::uint64_t(std::clamp(first.samplesPerPixel, 1, 4)) *
                                      std::uint64_t((std::clamp(first.bitsAllocated, 1, 64) + 7) / 8);
    const std::uint64_t fullSlice =
        full.format.columns * full.format.rows * std::uint64_t(d.components) * bytesPerComponent(d.pixelType);
    const std::uint64_t outSlices = reduced(full.slices.size(), k);
    if (full.multiFrameFile)
        total += storedFrame * std::uint64_t(std::max(first.frames, 1)) + (k > 1 ? outSlices * fullSlice : 0);
    else
        total += std::uint64_t(options.threads ? options.threads
                                               : std::max(1u, std::thread::hardware_concurrency())) *
                 (storedFrame + (k > 1 ? fullSlice : 0));
    return total;
}

// Keeps every k-th slice (in stack order), row and column.
void applyDownsample(Plan& plan, unsigned k, const std::string& uid) {
    if (k <= 1) return;
    plan.downsample = k;
    auto keep = [k](auto& values) {
        std::size_t out = 0;
        for (std::size_t i = 0; i < values.size(); i += k)
            values[out++] = values[i];
        values.resize(out);
    };
    keep(plan.slices);
    keep(plan.stack.order);
    keep(plan.stack.positions);
    keep(plan.stack.offsetRow);
    keep(plan.stack.offsetCol);
    plan.decodeGeometry = everyKth(plan.decodeGeometry, k);
    plan.stack.stackGeometry = everyKth(plan.stack.stackGeometry, k);
    plan.stack.regularGeometry = everyKth(plan.stack.regularGeometry, k);
    VolumeDescription& d = plan.description;
    d.geometry = everyKth(d.geometry, k);
    d.info.is2D = d.geometry.size[2] == 1;
    d.diagnostics.push_back(Diagnostic::info(Diagnostic::Code::Resampled, uid,
                                             "downsampled: every " + ordinal(k) + " slice, row and column",
                                             d.geometry.spacing[2]));
}

// The smallest factor from `from` at which the load fits, up to 16; nothing when none does.
std::optional<unsigned> fittingFactor(const Plan& full, unsigned from, const LoadOptions& options) {
    for (unsigned k = std::max(from, 1u); k <= 16; ++k)
        if (MemoryBudget::fits(bytesNeeded(full, k, options), options)) return k;
    return std::nullopt;
}

// The factor the options ask for: `downsample`, or with fitInMemory the smallest one that fits.
unsigned chosenFactor(const Plan& full, const LoadOptions& options) {
    const unsigned k = std::max(options.downsample, 1u);
    return options.fitInMemory ? fittingFactor(full, k, options).value_or(k) : k;
}

// Refuses, before anything is allocated, a load that does not fit in memory.
void checkMemory(const Plan& full, unsigned k, const LoadOptions& options, const std::string& uid) {
    const std::uint64_t needed = bytesNeeded(full, k, options);
    if (MemoryBudget::fits(needed, options)) return;
    std::string suggestion;
    if (const auto fit = fittingFactor(full, k + 1, options))
        suggestion = "a downsampled load (every " + ordinal(*fit) + " slice, row and column) needs " +
                     MemoryBudget::format(bytesNeeded(full, *fit, options)) + " and fits";
    else
        suggestion = std::string("even a downsampled load does not fit") +
                     (full.multiFrameFile ? " (a multi-frame file is decoded whole)" : "");
    MemoryBudget::require(needed, options, uid, suggestion);
}

Plan makePlan(const SeriesEntry& series, const LoadOptions& options) {
    Plan plan = makeFullPlan(series, options);
    applyDownsample(plan, chosenFactor(plan, options), series.uid);
    return plan;
}

// Every k-th pixel of every k-th row of a full-size slice.
void subsample(const std::byte* full, std::size_t columns, std::size_t rows, unsigned k,
               std::size_t pixelBytes, std::byte* dst) {
    for (std::size_t y = 0; y < rows; y += k)
        for (std::size_t x = 0; x < columns; x += k, dst += pixelBytes)
            std::memcpy(dst, full + (y * columns + x) * pixelBytes, pixelBytes);
}

// Whether the series' pixels go through GDCM (compressed, big-endian, multi-frame or colour) rather than
// cadview's own reader of uncompressed little-endian grey slices.
bool decodedByGdcm(const Plan& plan) {
    if (plan.multiFrameFile || plan.format.components != 1 || plan.slices.empty()) return true;
    const std::string& syntax = plan.slices.front()->transferSyntax;
    return syntax != "1.2.840.10008.1.2" && syntax != "1.2.840.10008.1.2.1";
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
    Plan plan = makeFullPlan(series, options);
    const unsigned k = chosenFactor(plan, options);
    checkMemory(plan, k, options, series.uid);
    applyDownsample(plan, k, series.uid);
    const VolumeDescription& d = plan.description;
    // Files only GDCM decodes are decoded by child processes that stay up for the load (ChildWorkers), which
    // write into the stack directly: it is then shared memory. Downsampled loads fork a child per file.
    const bool pooled = k == 1 && decodedByGdcm(plan);
    Volume stack =
        pooled
            ? Volume(plan.decodeGeometry, d.pixelType, d.components,
                     ChildProcess::sharedBuffer(plan.decodeGeometry.voxelCount() * std::size_t(d.components) *
                                                bytesPerComponent(d.pixelType)))
            : Volume(plan.decodeGeometry, d.pixelType, d.components);
    stack.info() = d.info;
    const std::size_t n = plan.slices.size();
    // One task per file: every slice of a single-frame series, or all the frames of a multi-frame file.
    const std::size_t tasks = plan.multiFrameFile ? 1 : n;
    // Downsampled: slices are decoded at full size here, then every k-th pixel copied into the stack.
    const std::size_t pixelBytes = std::size_t(d.components) * bytesPerComponent(d.pixelType);
    const std::size_t fullSliceBytes = plan.format.columns * plan.format.rows * pixelBytes;

    // Decode the middle slice first so a preview can be shown while the rest loads.
    std::vector<std::size_t> order(tasks);
    for (std::size_t t = 0; t < tasks; ++t)
        order[t] = t;
    if (tasks > 2) std::rotate(order.begin(), order.begin() + tasks / 2, order.begin() + tasks / 2 + 1);

    std::mutex resultMutex;
    Diagnostics failures, warnings;
    // The stack slice of each target of a task, and the targets (full-size scratch when downsampling).
    const auto outputsOf = [&](std::size_t task) {
        std::vector<std::size_t> outputs;
        if (plan.multiFrameFile) {
            for (std::size_t z = 0; z < n; ++z)
                outputs.push_back(z);
        } else {
            outputs.push_back(task);
        }
        return outputs;
    };
    const auto targetsOf = [&](const std::vector<std::size_t>& outputs, std::vector<std::byte>& fullSlices) {
        if (k > 1) fullSlices.resize(outputs.size() * fullSliceBytes);
        std::vector<SliceTarget> targets;
        for (std::size_t t = 0; t < outputs.size(); ++t) {
            const DicomInstance* h = plan.slices[outputs[t]];
            std::byte* dst = k > 1 ? fullSlices.data() + t * fullSliceBytes : stack.slice(outputs[t]);
            targets.push_back({plan.multiFrameFile ? std::size_t(h->instanceNumber) : 0, dst, h});
        }
        return targets;
    };
    const auto fileOf = [&](std::size_t task) -> const DicomInstance& {
        return plan.multiFrameFile ? *plan.multiFrameFile : *plan.slices[task];
    };
    ChildWorkers workers(
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency()),
        [&](std::size_t task) {  // in a child: GDCM's part, into the shared stack
            std::vector<std::byte> unused;
            std::vector<char> childScratch;
            const std::vector<SliceTarget> targets = targetsOf(outputsOf(task), unused);
            return DicomPixelDecoder::encodeOutcome([&] {
                return DicomPixelDecoder::decodeWithGdcm(fileOf(task), targets, plan.format, childScratch);
            });
        },
        DicomPixelDecoder::kChildSeconds);
    job.setStage(JobStage::Decoding, tasks);
    parallelFor(
        tasks, job,
        [&](std::size_t item) {
            thread_local std::vector<char> scratch;
            thread_local std::vector<std::byte> fullSlices;
            const std::size_t task = order[item];
            const std::vector<std::size_t> outputs = outputsOf(task);
            const std::vector<SliceTarget> targets = targetsOf(outputs, fullSlices);
            const DicomInstance& file = fileOf(task);
            const auto viaWorker = [&]() -> Diagnostics {
                const ChildWorkers::Result r = workers.run(task);
                if (!r.finished)
                    throw LoadError(Diagnostic::Code::PixelDecodeFailed, file.path,
                                    "the DICOM library failed on its pixel data (" + r.death + ")");
                return DicomPixelDecoder::decodeOutcome(r.reply);
            };
            try {
                Diagnostics w = DicomPixelDecoder::decode(
                    file, targets, plan.format, scratch,
                    pooled ? std::function<Diagnostics()>(viaWorker) : std::function<Diagnostics()>());
                if (k > 1)
                    for (std::size_t t = 0; t < outputs.size(); ++t)
                        subsample(targets[t].dst, plan.format.columns, plan.format.rows, k, pixelBytes,
                                  stack.slice(outputs[t]));
                if (!w.empty()) {
                    std::lock_guard lock(resultMutex);
                    warnings.insert(warnings.end(), w.begin(), w.end());
                }
            } catch (const LoadError& e) {
                for (std::size_t z : outputs)
                    fillSlices(stack.slice(z), stack.sliceBytes() / bytesPerComponent(d.pixelType),
                               d.pixelType, plan.format.blank);
                std::lock_guard lock(resultMutex);
                failures.push_back(e.diagnostic());
            }
            if (k > 1 && fullSlices.size() > (std::size_t(64) << 20))
                std::vector<std::byte>().swap(fullSlices);
            if (item == 0 && options.onPreview) {
                const std::size_t z = plan.multiFrameFile ? n / 2 : task;
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
