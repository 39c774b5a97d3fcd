#include "io/DicomPixelDecoder.h"

#include <gdcmImageApplyLookupTable.h>
#include <gdcmImageReader.h>
#include <gdcmSequenceOfFragments.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "io/ChildProcess.h"
#include "io/ColourDecoder.h"
#include "io/DicomHeaderCheck.h"
#include "io/DicomHeaderRecord.h"
#include "io/LoadError.h"
#include "io/PixelConverter.h"
#include "io/PixelDataExtent.h"
#include "io/ReadOnlyFile.h"
#include "io/RleDecoder.h"

namespace cadview {

namespace {

const std::string kRleLossless = "1.2.840.10008.1.2.5";

void fill(std::byte* dst, std::size_t count, PixelType type, double value) {
    dispatchPixelType(type, [&](auto v) {
        using T = decltype(v);
        std::fill_n(reinterpret_cast<T*>(dst), count, T(value));
    });
}

PixelMapping rescaleOf(const SliceTarget& t, const SliceFormat& f) {
    PixelMapping m;
    m.output = f.type;
    m.slope = t.header->rescaleSlope;
    m.intercept = t.header->rescaleIntercept;
    m.invert = f.invert;
    m.invertSum = f.invertSum;
    return m;
}

Diagnostic truncationWarning(const DicomInstance& file, const PixelDataExtent& e) {
    return Diagnostic::warning(Diagnostic::Code::PixelDecodeFailed, file.path,
                               e.describeTruncation() + "; the missing pixels are shown blank");
}

// Bytes of frame `frame` (of `frameBytes`) in the first `present` bytes of the decoded frames.
std::size_t bytesInFrame(std::size_t frame, std::size_t frameBytes, std::uint64_t present) {
    const std::uint64_t start = std::uint64_t(frame) * frameBytes;
    return present <= start ? 0 : std::size_t(std::min<std::uint64_t>(present - start, frameBytes));
}

// Uncompressed little-endian grey-scale single-frame files (most CT and MR): the stored values are read
// straight into the output slice and converted there (or through `scratch` when the output type is
// wider, e.g. float for RT Dose). GDCM's pixel pipeline (Image::GetBuffer) would copy them through
// string streams and clean overlay bits that PixelConverter masks anyway. Returns false when the file is
// not of that kind: the caller then uses GDCM, which rewrites the whole slice.
bool readNative(const DicomInstance& inst, const std::vector<SliceTarget>& targets, const SliceFormat& f,
                const PixelDataExtent& extent, const ReadOnlyFile& in, std::vector<char>& scratch,
                Diagnostics& warnings) {
    if (inst.frames != 1 || targets.size() != 1 || f.components != 1 || inst.samplesPerPixel != 1)
        return false;
    if (inst.transferSyntax != "1.2.840.10008.1.2" && inst.transferSyntax != "1.2.840.10008.1.2.1")
        return false;
    if (inst.bitsAllocated != 8 && inst.bitsAllocated != 16 && inst.bitsAllocated != 32) return false;
    if (std::size_t(inst.columns) != f.columns || std::size_t(inst.rows) != f.rows || extent.encapsulated)
        return false;
    PixelMapping m = rescaleOf(targets.front(), f);
    m.bitsAllocated = inst.bitsAllocated;
    m.bitsStored = inst.bitsStored;
    m.sourceSigned = inst.pixelRepresentation == 1;

    const std::size_t pixels = f.columns * f.rows, bytesPerPixel = std::size_t(inst.bitsAllocated / 8);
    const std::size_t bytes = pixels * bytesPerPixel;
    if (extent.declared != bytes && extent.declared != bytes + 1) return false;  // odd layouts: GDCM decides
    const std::size_t present = std::size_t(std::min<std::uint64_t>(extent.present, bytes));
    std::byte* dst = targets.front().dst;
    const bool inPlace = PixelConverter::canConvertInPlace(m);
    if (!inPlace) scratch.resize(bytes);
    void* src = inPlace ? static_cast<void*>(dst) : static_cast<void*>(scratch.data());
    if (!in.readAt(src, present, extent.offset)) return false;
    const std::size_t complete = present / bytesPerPixel;
    PixelConverter::convert(src, dst, complete, m);
    if (complete < pixels) {
        fill(dst + complete * bytesPerComponent(f.type), pixels - complete, f.type, f.blank);
        warnings.push_back(truncationWarning(inst, extent));
    }
    return true;
}

// True when the targets are every frame of the file, in consecutive output slices: GDCM can then decode
// straight into the output.
bool coversEveryFrame(const std::vector<SliceTarget>& targets, std::size_t frames, std::size_t sliceBytes) {
    if (targets.size() != frames) return false;
    std::vector<bool> seen(frames, false);
    for (std::size_t z = 0; z < frames; ++z) {
        const SliceTarget& t = targets[z];
        if (t.dst != targets.front().dst + z * sliceBytes || t.frame >= frames || seen[t.frame]) return false;
        seen[t.frame] = true;
    }
    return true;
}

// Output slice z holds frame z; moves frame targets[z].frame there instead, one cycle at a time.
void permuteSlices(const std::vector<SliceTarget>& targets, std::size_t sliceBytes, std::vector<char>& tmp) {
    tmp.resize(sliceBytes);
    std::vector<bool> done(targets.size(), false);
    for (std::size_t s = 0; s < targets.size(); ++s) {
        if (done[s] || targets[s].frame == s) continue;
        std::memcpy(tmp.data(), targets[s].dst, sliceBytes);
        for (std::size_t z = s;;) {
            const std::size_t from = targets[z].frame;
            done[z] = true;
            if (from == s) {
                std::memcpy(targets[z].dst, tmp.data(), sliceBytes);
                break;
            }
            std::memcpy(targets[z].dst, targets[from].dst, sliceBytes);
            z = from;
        }
    }
}

void decodeRle(const gdcm::Image& image, std::size_t frames, std::size_t frameBytes, std::size_t pixels,
               int samples, int bytesPerSample, char* out, const std::string& path) {
    const gdcm::SequenceOfFragments* fragments = image.GetDataElement().GetSequenceOfFragments();
    if (fragments == nullptr || fragments->GetNumberOfFragments() != frames)
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, path,
                        "RLE data does not hold one fragment per frame");
    for (std::size_t k = 0; k < frames; ++k) {
        const gdcm::ByteValue* bv = fragments->GetFragment(k).GetByteValue();
        if (bv == nullptr || bv->GetPointer() == nullptr ||
            !RleDecoder::decodeFrame(
                reinterpret_cast<const std::uint8_t*>(bv->GetPointer()), std::size_t(bv->GetLength()),
                reinterpret_cast<std::uint8_t*>(out + k * frameBytes), pixels, samples, bytesPerSample))
            throw LoadError(Diagnostic::Code::PixelDecodeFailed, path,
                            "RLE frame " + std::to_string(k) + " is malformed");
    }
}

struct Decoded {
    const gdcm::Image& image;
    std::size_t frames, frameBytes, expected;
    std::uint64_t present;  // bytes of the decoded frames the file really holds
    bool bigEndian32;       // 32-bit samples in big-endian files
};

// Image::GetBuffer into `dst` (`d.expected` bytes). GDCM swaps big-endian pixel data as 16-bit words
// (OW) whatever the sample size, which leaves 32-bit samples with their halves exchanged: put them back.
void getBuffer(const DicomInstance& inst, const Decoded& d, void* dst) {
    if (!d.image.GetBuffer(static_cast<char*>(dst)))
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "pixel data cannot be decoded");
    if (!d.bigEndian32) return;
    auto* bytes = static_cast<unsigned char*>(dst);
    for (std::size_t i = 0; i + 4 <= d.expected; i += 4) {
        std::swap(bytes[i], bytes[i + 2]);
        std::swap(bytes[i + 1], bytes[i + 3]);
    }
}

void decodeGrey(const DicomInstance& inst, const Decoded& d, const std::vector<SliceTarget>& targets,
                const SliceFormat& f, std::vector<char>& scratch) {
    const gdcm::PixelFormat pf = d.image.GetPixelFormat();
    PixelMapping source;
    source.bitsAllocated = pf.GetBitsAllocated();
    source.bitsStored = pf.GetBitsStored();
    source.sourceSigned = pf.GetPixelRepresentation() == 1;
    source.sourceFloat =
        pf.GetScalarType() == gdcm::PixelFormat::FLOAT32 || pf.GetScalarType() == gdcm::PixelFormat::FLOAT64;
    auto mappingFor = [&](const SliceTarget& t) {
        PixelMapping m = rescaleOf(t, f);
        m.bitsAllocated = source.bitsAllocated;
        m.bitsStored = source.bitsStored;
        m.sourceSigned = source.sourceSigned;
        m.sourceFloat = source.sourceFloat;
        return m;
    };
    const std::size_t pixels = f.columns * f.rows, sourceBytes = std::size_t(source.bitsAllocated / 8);
    const std::size_t sliceBytes = pixels * bytesPerComponent(f.type);
    auto convert = [&](const SliceTarget& t, const void* src) {
        const std::size_t complete = bytesInFrame(t.frame, d.frameBytes, d.present) / sourceBytes;
        PixelConverter::convert(src, t.dst, complete, mappingFor(t));
        if (complete < pixels)
            fill(t.dst + complete * bytesPerComponent(f.type), pixels - complete, f.type, f.blank);
    };

    if (PixelConverter::canConvertInPlace(mappingFor(targets.front())) &&
        coversEveryFrame(targets, d.frames, sliceBytes)) {
        getBuffer(inst, d, targets.front().dst);
        permuteSlices(targets, sliceBytes, scratch);
        for (const SliceTarget& t : targets)
            convert(t, t.dst);
        return;
    }
    scratch.resize(d.expected);
    getBuffer(inst, d, scratch.data());
    for (const SliceTarget& t : targets)
        convert(t, scratch.data() + t.frame * d.frameBytes);
}

void decodeColour(const DicomInstance& inst, const Decoded& d, bool ownRle,
                  const std::vector<SliceTarget>& targets, const SliceFormat& f, std::vector<char>& scratch) {
    const gdcm::PixelFormat pf = d.image.GetPixelFormat();
    ColourLayout layout;
    layout.bitsAllocated = pf.GetBitsAllocated();
    layout.bitsStored = pf.GetBitsStored();
    const std::size_t pixels = f.columns * f.rows, sampleBytes = std::size_t(layout.bitsAllocated / 8);
    scratch.resize(d.expected);
    if (ownRle) {
        decodeRle(d.image, d.frames, d.frameBytes, pixels, 3, int(sampleBytes), scratch.data(), inst.path);
    } else {
        getBuffer(inst, d, scratch.data());
        layout.planar = d.image.GetPlanarConfiguration() != 0;
    }
    // Asked after decoding: a codec that converted the colours itself says so there.
    const auto pi = d.image.GetPhotometricInterpretation();
    layout.ybr = pi == gdcm::PhotometricInterpretation::YBR_FULL ||
                 pi == gdcm::PhotometricInterpretation::YBR_FULL_422;
    for (const SliceTarget& t : targets) {
        auto* dst = reinterpret_cast<std::uint8_t*>(t.dst);
        ColourDecoder::toRgb8(scratch.data() + t.frame * d.frameBytes, dst, pixels, layout);
        // A pixel is complete when all its samples are there (planar data: the last plane decides).
        const std::size_t have = bytesInFrame(t.frame, d.frameBytes, d.present);
        const std::size_t complete =
            layout.planar
                ? (have > 2 * pixels * sampleBytes ? (have - 2 * pixels * sampleBytes) / sampleBytes : 0)
                : have / (3 * sampleBytes);
        if (complete < pixels) std::fill(dst + 3 * complete, dst + 3 * pixels, std::uint8_t(f.blank));
    }
}

void gdcmDecode(const DicomInstance& inst, const std::vector<SliceTarget>& targets, const SliceFormat& f,
                const std::optional<PixelDataExtent>& extent, std::vector<char>& scratch,
                Diagnostics& warnings) {
    // Debian's GDCM is built with assertions: files it would abort on are refused here.
    if (inst.bitsAllocated % 8 != 0 || inst.bitsAllocated > 32 || inst.bitsAllocated == 0)
        throw LoadError(
            Diagnostic::Code::UnsupportedFile, inst.path,
            std::to_string(inst.bitsAllocated) + "-bit pixels (e.g. binary segmentations) are not supported");
    if (inst.sopClassUid == "1.2.840.10008.5.1.4.1.1.481.2" && inst.frames == 1)
        throw LoadError(Diagnostic::Code::UnsupportedFile, inst.path,
                        "single-frame RT dose in this encoding is not supported");
    const bool truncated = extent && extent->truncated();
    // Which pixels a cut compressed stream still describes correctly cannot be told: refuse it.
    if (truncated && extent->encapsulated)
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, extent->describeTruncation());

    gdcm::ImageReader reader;
    reader.SetFileName(inst.path.c_str());
    if (!reader.Read())
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "GDCM cannot read the file");
    // GDCM filters hold their input through a reference-counting smart pointer: they must only see
    // images owned by the reader or by another filter, never a copy on the stack. So the chain below
    // passes pointers and keeps every filter alive until the buffer is read.
    const gdcm::Image* current = &reader.GetImage();
    gdcm::ImageApplyLookupTable lut;
    const std::size_t frames = std::size_t(std::max(1, inst.frames));
    if (current->GetDimension(0) != f.columns || current->GetDimension(1) != f.rows ||
        (current->GetNumberOfDimensions() > 2 ? current->GetDimension(2) : 1) != frames)
        throw LoadError(Diagnostic::Code::InconsistentImages, inst.path,
                        "image size differs from the series");
    for (const SliceTarget& t : targets)
        if (t.frame >= frames)
            throw LoadError(Diagnostic::Code::InconsistentImages, inst.path, "frame missing");
    if (f.components == 3 &&
        current->GetPhotometricInterpretation() == gdcm::PhotometricInterpretation::PALETTE_COLOR) {
        lut.SetInput(*current);
        if (!lut.Apply())
            throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, "palette lookup failed");
        current = &lut.GetOutput();
    }
    const gdcm::Image& image = *current;

    const gdcm::PixelFormat pf = image.GetPixelFormat();
    const int bitsAllocated = pf.GetBitsAllocated();
    if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32 &&
        (bitsAllocated != 64 || f.components != 1))
        throw LoadError(Diagnostic::Code::UnsupportedFile, inst.path,
                        std::to_string(bitsAllocated) + "-bit pixels are not supported");
    const int samples = pf.GetSamplesPerPixel();
    if (samples != f.components)
        throw LoadError(Diagnostic::Code::InconsistentImages, inst.path,
                        "samples per pixel differ from the series");
    const std::size_t frameBytes = f.columns * f.rows * std::size_t(samples) * std::size_t(bitsAllocated / 8);
    const std::size_t expected = frameBytes * frames;
    if (image.GetBufferLength() != expected)
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path,
                        "pixel data has an unexpected length");

    // Uncompressed data cut short: GDCM pads it with zeros, which must not pass for image.
    std::uint64_t present = expected;
    if (truncated && extent->declared > 0)
        present = std::uint64_t(expected) * extent->present / extent->declared;

    const bool bigEndian32 = inst.transferSyntax == "1.2.840.10008.1.2.2" && bitsAllocated == 32;
    const Decoded decoded{image, frames, frameBytes, expected, present, bigEndian32};
    if (f.components == 3) {
        // GDCM's RLE codec scrambles the bytes of colour samples wider than 8 bits.
        const bool ownRle =
            inst.transferSyntax == kRleLossless && bitsAllocated > 8 && current == &reader.GetImage();
        decodeColour(inst, decoded, ownRle, targets, f, scratch);
    } else {
        decodeGrey(inst, decoded, targets, f, scratch);
    }
    if (truncated) warnings.push_back(truncationWarning(inst, *extent));
}

// Uncompressed pixel data whose element holds fewer bytes than its frames need (Number of Frames claims 50,
// the element holds 1): GDCM's raw codec copies the frames' length out of the shorter element, reading past
// its end (a crash). Little-endian grey data is read here, the frames it holds as they are and the rest
// blank, with a warning naming the file; anything else is refused. Returns false when the data is whole.
bool readShortFrames(const DicomInstance& inst, const std::vector<SliceTarget>& targets, const SliceFormat& f,
                     const PixelDataExtent& extent, const ReadOnlyFile& in, std::vector<char>& scratch,
                     Diagnostics& warnings) {
    const std::size_t frames = std::size_t(std::max(1, inst.frames));
    const std::size_t sampleBytes = std::size_t(std::max(0, inst.bitsAllocated) / 8);
    const std::uint64_t frameBytes = std::uint64_t(inst.columns) * std::uint64_t(inst.rows) *
                                     std::uint64_t(std::max(1, inst.samplesPerPixel)) * sampleBytes;
    const std::uint64_t expected = frameBytes * frames;
    // Chroma-subsampled colour (YBR_*_422/420) legitimately holds fewer bytes than its samples suggest.
    const bool subsampled = inst.photometric.find("422") != std::string::npos ||
                            inst.photometric.find("420") != std::string::npos;
    if (extent.encapsulated || subsampled || frameBytes == 0 || extent.declared >= expected) return false;
    const std::uint64_t present = std::min(extent.present, extent.declared);
    const std::string holds = "pixel data holds " + std::to_string(present / frameBytes) + " of " +
                              std::to_string(frames) + " frames (" + std::to_string(present) + " of " +
                              std::to_string(expected) + " bytes)";
    const bool littleEndian =
        inst.transferSyntax == "1.2.840.10008.1.2" || inst.transferSyntax == "1.2.840.10008.1.2.1";
    if (!littleEndian || f.components != 1 || inst.samplesPerPixel != 1 ||
        (sampleBytes != 1 && sampleBytes != 2 && sampleBytes != 4))
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, holds);
    scratch.assign(std::size_t(present), 0);
    if (!in.readAt(scratch.data(), std::size_t(present), extent.offset))
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path, holds);
    const std::size_t pixels = f.columns * f.rows;
    for (const SliceTarget& t : targets) {
        PixelMapping m = rescaleOf(t, f);
        m.bitsAllocated = inst.bitsAllocated;
        m.bitsStored = inst.bitsStored;
        m.sourceSigned = inst.pixelRepresentation == 1;
        const std::size_t complete = bytesInFrame(t.frame, std::size_t(frameBytes), present) / sampleBytes;
        if (complete > 0) PixelConverter::convert(scratch.data() + t.frame * frameBytes, t.dst, complete, m);
        if (complete < pixels)
            fill(t.dst + complete * bytesPerComponent(f.type), pixels - complete, f.type, f.blank);
    }
    warnings.push_back(Diagnostic::warning(Diagnostic::Code::PixelDecodeFailed, inst.path,
                                           holds + "; the missing pixels are shown blank"));
    return true;
}

// GDCM decodes in a child process (ChildProcess) straight into memory shared with this one: a file on which
// it aborts, crashes or hangs fails with a LoadError naming it, and the load goes on without it.
void decodeInChild(const DicomInstance& inst, const std::vector<SliceTarget>& targets, const SliceFormat& f,
                   Diagnostics& warnings) {
    const std::size_t sliceBytes = f.columns * f.rows * std::size_t(f.components) * bytesPerComponent(f.type);
    const auto work = [&](void* shared) -> std::string {
        std::vector<SliceTarget> local = targets;
        for (std::size_t i = 0; i < local.size(); ++i)
            local[i].dst = static_cast<std::byte*>(shared) + i * sliceBytes;
        std::vector<char> scratch;
        return DicomPixelDecoder::encodeOutcome(
            [&] { return DicomPixelDecoder::decodeWithGdcm(inst, local, f, scratch); });
    };
    const auto collect = [&](const void* shared) {
        for (std::size_t i = 0; i < targets.size(); ++i)
            std::memcpy(targets[i].dst, static_cast<const std::byte*>(shared) + i * sliceBytes, sliceBytes);
    };
    const ChildProcess::Result r =
        ChildProcess::run(sliceBytes * targets.size(), work, collect, DicomPixelDecoder::kChildSeconds);
    if (!r.finished)
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, inst.path,
                        "the DICOM library failed on its pixel data (" + r.death + ")");
    const Diagnostics told = DicomPixelDecoder::decodeOutcome(r.reply);
    warnings.insert(warnings.end(), told.begin(), told.end());
}

}  // namespace

Diagnostics DicomPixelDecoder::decode(const DicomInstance& file, const std::vector<SliceTarget>& targets,
                                      const SliceFormat& format, std::vector<char>& scratch,
                                      const std::function<Diagnostics()>& viaWorker) {
    Diagnostics warnings;
    if (targets.empty()) return warnings;
    // GDCM aborts on a damaged meta group (the file may have changed since it was indexed).
    if (const auto problem = DicomHeaderCheck::problem(file.path))
        throw LoadError(Diagnostic::Code::UnreadableFile, file.path, *problem);
    const ReadOnlyFile in(file.path);
    const std::optional<PixelDataExtent> extent =
        PixelDataExtent::measure(file.path, file.transferSyntax, in);
    if (extent && readNative(file, targets, format, *extent, in, scratch, warnings)) return warnings;
    if (extent && readShortFrames(file, targets, format, *extent, in, scratch, warnings)) return warnings;
    if (viaWorker) return viaWorker();
    decodeInChild(file, targets, format, warnings);
    return warnings;
}

Diagnostics DicomPixelDecoder::decodeWithGdcm(const DicomInstance& file,
                                              const std::vector<SliceTarget>& targets,
                                              const SliceFormat& format, std::vector<char>& scratch) {
    const ReadOnlyFile in(file.path);
    const std::optional<PixelDataExtent> extent =
        PixelDataExtent::measure(file.path, file.transferSyntax, in);
    Diagnostics warnings;
    gdcmDecode(file, targets, format, extent, scratch, warnings);
    return warnings;
}

std::string DicomPixelDecoder::encodeOutcome(const std::function<Diagnostics()>& decode) {
    Diagnostics found;
    std::string reply(1, 'W');  // appended piece by piece: GCC 12 misreports "W" + std::string (-Wrestrict)
    try {
        found = decode();
    } catch (const LoadError& e) {
        reply[0] = 'X';
        found = {e.diagnostic()};
    }
    reply += DicomHeaderRecord::encodeList(found);
    return reply;
}

Diagnostics DicomPixelDecoder::decodeOutcome(const std::string& bytes) {
    if (bytes.empty()) throw std::runtime_error("empty decoder reply");
    Diagnostics told = DicomHeaderRecord::decodeList(bytes.substr(1));
    if (bytes[0] == 'X') throw LoadError(told.at(0));
    return told;
}

}  // namespace cadview
