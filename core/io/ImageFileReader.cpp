#include "io/ImageFileReader.h"

#include <itkByteSwapper.h>
#include <itkImageIOBase.h>
#include <itkJPEGImageIO.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>
#include <itkPNGImageIO.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "io/DataFileExtent.h"
#include "io/JpegCheck.h"
#include "io/LoadError.h"
#include "io/MetaImageHeaderCheck.h"
#include "io/NiftiHeaderCheck.h"
#include "io/NrrdHeaderCheck.h"
#include "io/PixelConverter.h"
#include "io/PngCheck.h"

namespace cadview {

namespace {

using IOComponent = itk::IOComponentEnum;

struct Opened {
    itk::ImageIOBase::Pointer io;
    std::string format;
    Diagnostics warnings;   // defaults the header checks used
    std::string niftiData;  // NIfTI: the file holding the pixels, and where they start in it (inflated)
    std::uint64_t niftiOffset = 0;
};

enum class Format { Unknown, Nifti, Nrrd, MetaImage, Png, Jpeg };

const char* nameOf(Format f) {
    switch (f) {
        case Format::Nifti:
            return "NIfTI";
        case Format::Nrrd:
            return "NRRD";
        case Format::MetaImage:
            return "MetaImage";
        case Format::Png:
            return "PNG";
        case Format::Jpeg:
            return "JPEG";
        case Format::Unknown:
            break;
    }
    return "";
}

// The format a file name promises (case-insensitive). .hdr/.img are NIfTI's (and Analyze's) header and
// pixel pair, which ITK's NIfTI reader opens as well.
Format formatOfName(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    const auto endsWith = [&](std::string_view suffix) {
        return name.size() > suffix.size() &&
               name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    static const std::pair<const char*, Format> kNames[] = {
        {".nii", Format::Nifti},     {".nii.gz", Format::Nifti}, {".hdr", Format::Nifti},
        {".hdr.gz", Format::Nifti},  {".img", Format::Nifti},    {".img.gz", Format::Nifti},
        {".nrrd", Format::Nrrd},     {".nhdr", Format::Nrrd},    {".mha", Format::MetaImage},
        {".mhd", Format::MetaImage}, {".png", Format::Png},      {".jpg", Format::Jpeg},
        {".jpeg", Format::Jpeg}};
    for (const auto& [suffix, format] : kNames)
        if (endsWith(suffix)) return format;
    return Format::Unknown;
}

// What the first bytes say. PNG, JPEG and NRRD open with signatures no other format starts with, so
// `unambiguousOnly` asks for those alone; NIfTI's header size field (348, or 540 for NIfTI-2, in either
// byte order) and MetaImage's usual first keys are only trusted when the name says nothing.
Format formatOfBytes(const std::string& path, bool unambiguousOnly) {
    unsigned char b[352] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(b), sizeof b);
    const auto n = std::size_t(in.gcount());
    const auto startsWith = [&](std::string_view s) {
        return n >= s.size() && std::memcmp(b, s.data(), s.size()) == 0;
    };
    if (startsWith("\x89PNG\r\n\x1a\n")) return Format::Png;
    if (startsWith("\xff\xd8\xff")) return Format::Jpeg;
    if (startsWith("NRRD")) return Format::Nrrd;
    if (unambiguousOnly) return Format::Unknown;
    const std::uint32_t little = b[0] | b[1] << 8 | b[2] << 16 | std::uint32_t(b[3]) << 24;
    const std::uint32_t big = b[3] | b[2] << 8 | b[1] << 16 | std::uint32_t(b[0]) << 24;
    for (const std::uint32_t size : {348u, 540u})
        if ((little == size || big == size) && n >= std::min<std::size_t>(size, sizeof b))
            return Format::Nifti;
    if (startsWith("ObjectType") || startsWith("NDims")) return Format::MetaImage;
    return Format::Unknown;
}

itk::ImageIOBase::Pointer ioFor(Format f) {
    switch (f) {
        case Format::Nifti:
            return itk::NiftiImageIO::New().GetPointer();
        case Format::Nrrd:
            return itk::NrrdImageIO::New().GetPointer();
        case Format::MetaImage:
            return itk::MetaImageIO::New().GetPointer();
        case Format::Png:
            return itk::PNGImageIO::New().GetPointer();
        case Format::Jpeg:
            return itk::JPEGImageIO::New().GetPointer();
        case Format::Unknown:
            break;
    }
    return nullptr;
}

// Picks the one ITK reader for the file (by name; by signature when the bytes clearly disagree or the
// name says nothing) and checks the file first where that reader crashes or aborts on damaged input:
// no other reader's CanReadFile ever sees the file (ITK 5.2's JPEG CanReadFile crashes on a few bytes).
Opened open(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
        throw LoadError(Diagnostic::Code::UnreadableFile, path, "no such file");
    const Format named = formatOfName(path);
    Format format = formatOfBytes(path, true);
    if (format == Format::Unknown) format = named != Format::Unknown ? named : formatOfBytes(path, false);
    if (format == Format::Unknown)
        throw LoadError(Diagnostic::Code::UnreadableFile, path,
                        "not a NIfTI, NRRD, MetaImage, PNG or JPEG file");

    std::optional<std::string> problem;
    Diagnostics warnings;
    std::string niftiData;
    std::uint64_t niftiOffset = 0;
    if (format == Format::Png) problem = PngCheck::problem(path);
    if (format == Format::Jpeg) problem = JpegCheck::problem(path);
    if (format == Format::MetaImage) problem = MetaImageHeaderCheck::problem(path);
    if (format == Format::Nrrd) {
        NrrdHeaderCheck::Result checked = NrrdHeaderCheck::check(path);
        problem = checked.problem;
        for (const std::string& w : checked.warnings)
            warnings.push_back(Diagnostic::warning(Diagnostic::Code::SpacingUnknown, path, w));
    }
    if (format == Format::Nifti) {
        NiftiHeaderCheck::Result checked = NiftiHeaderCheck::check(path);
        if (checked.problem == std::string(NiftiHeaderCheck::kNotNifti))
            checked.problem.reset();  // ITK says so
        problem = checked.problem;
        niftiData = checked.dataFile;
        niftiOffset = checked.voxOffset;
        for (const std::string& w : checked.warnings)
            warnings.push_back(Diagnostic::warning(Diagnostic::Code::SpacingUnknown, path, w));
    }
    if (problem) throw LoadError(Diagnostic::Code::UnreadableFile, path, *problem);

    const itk::ImageIOBase::Pointer io = ioFor(format);
    // ITK's NIfTI, NRRD and MetaImage readers refuse names they do not know in CanReadFile, though the
    // NRRD and MetaImage ones read such files; PNG and JPEG were just decoded in full.
    const bool askFirst = format == named && format != Format::Png && format != Format::Jpeg;
    if (askFirst && !io->CanReadFile(path.c_str()))
        throw LoadError(Diagnostic::Code::UnreadableFile, path,
                        "not a NIfTI, NRRD, MetaImage, PNG or JPEG file");
    try {
        io->SetFileName(path);
        io->ReadImageInformation();
    } catch (const itk::ExceptionObject& e) {
        throw LoadError(Diagnostic::Code::UnreadableFile, path, e.GetDescription());
    }
    return {io, nameOf(format), std::move(warnings), niftiData, niftiOffset};
}

// Our type for a file component type, and the matching source description for the converter.
PixelType keptType(IOComponent c, PixelMapping& m) {
    m.sourceFloat = false;
    m.sourceSigned = false;
    switch (c) {
        case IOComponent::UCHAR:
            m.bitsAllocated = 8;
            return PixelType::UInt8;
        case IOComponent::CHAR:
            m.bitsAllocated = 8;
            m.sourceSigned = true;
            return PixelType::Int8;
        case IOComponent::USHORT:
            m.bitsAllocated = 16;
            return PixelType::UInt16;
        case IOComponent::SHORT:
            m.bitsAllocated = 16;
            m.sourceSigned = true;
            return PixelType::Int16;
        case IOComponent::UINT:
            m.bitsAllocated = 32;
            return PixelType::UInt32;
        case IOComponent::INT:
            m.bitsAllocated = 32;
            m.sourceSigned = true;
            return PixelType::Int32;
        case IOComponent::FLOAT:
            m.bitsAllocated = 32;
            m.sourceFloat = true;
            return PixelType::Float32;
        case IOComponent::DOUBLE:
            m.bitsAllocated = 64;
            m.sourceFloat = true;
            return PixelType::Float32;
        default:
            break;
    }
    throw std::invalid_argument("unsupported component type");
}

[[noreturn]] void impossible(const std::string& path, const std::string& what) {
    throw LoadError(Diagnostic::Code::UnreadableFile, path, "impossible geometry: " + what);
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// The grid the header describes, refused where it cannot be true (non-finite or absurd spacing, origin or
// direction, collinear axes, an empty or absurdly large size) and with a named warning where a default is
// used (spacing 0: 1 mm; sheared axes: the nearest orthonormal ones).
ImageGeometry geometryOf(itk::ImageIOBase& io, const std::string& path, Diagnostics& warnings) {
    static const char* const kAxis[] = {"x", "y", "z"};
    const unsigned dims = io.GetNumberOfDimensions();
    ImageGeometry g;
    long double voxels = 1;
    for (unsigned a = 0; a < 3; ++a) {
        const bool has = a < dims;
        g.size[a] = has ? io.GetDimensions(a) : 1;
        voxels *= (long double)g.size[a];
        if (g.size[a] < 1) impossible(path, std::string("no voxels along ") + kAxis[a]);
        const double spacing = has ? io.GetSpacing(a) : 1.0;
        if (!std::isfinite(spacing) || spacing < 0 || spacing > 1e5)
            impossible(path, "spacing " + number(spacing) + " mm along " + kAxis[a]);
        if (spacing == 0)
            warnings.push_back(Diagnostic::warning(
                Diagnostic::Code::SpacingUnknown, path,
                std::string("spacing along ") + kAxis[a] + " is 0 in the header: 1 mm assumed"));
        g.spacing[a] = spacing > 0 ? spacing : 1.0;
        g.origin[a] = has ? io.GetOrigin(a) : 0.0;
        if (!std::isfinite(g.origin[a]) || std::abs(g.origin[a]) > 1e7)
            impossible(path, "origin " + number(g.origin[a]) + " mm along " + kAxis[a]);
        Vec3 axis{0, 0, 0};
        axis[a] = 1;
        if (has) {
            const auto dir = io.GetDirection(a);
            for (unsigned r = 0; r < 3 && r < dir.size(); ++r)
                axis[r] = dir[r];
        }
        if (!std::isfinite(axis[0]) || !std::isfinite(axis[1]) || !std::isfinite(axis[2]) ||
            norm(axis) < 1e-6)
            impossible(path, std::string("the direction of the ") + kAxis[a] + " axis is not a direction");
        g.setAxis(int(a), axis);
    }
    if (voxels > (long double)(1ull << 40)) impossible(path, "more than 2^40 voxels");
    if (!(std::abs(dot(normalized(g.axis(0)), cross(normalized(g.axis(1)), normalized(g.axis(2))))) > 1e-3))
        impossible(path, "collinear axes (the direction matrix is singular)");
    if (!g.isOrthonormal(1e-3)) {
        // A sheared header (rare in NIfTI sform): keep positions, but use the nearest orthonormal axes.
        const Vec3 r = normalized(g.axis(0));
        const Vec3 n = normalized(cross(r, g.axis(1)));
        g.setAxis(0, r);
        g.setAxis(1, normalized(cross(n, r)));
        g.setAxis(2, n);
        warnings.push_back(Diagnostic::warning(Diagnostic::Code::GeometryAdjusted, path,
                                               "sheared axes: the nearest orthonormal ones are used"));
    }
    return g;
}

// 64-bit floating-point images are kept as 32-bit: refused when a value would not survive (1e308 -> inf).
void requireFloat32Range(const std::vector<char>& raw, const std::string& path) {
    const std::size_t n = raw.size() / sizeof(double);
    for (std::size_t i = 0; i < n; ++i) {
        double v;
        std::memcpy(&v, raw.data() + i * sizeof v, sizeof v);
        if (std::isfinite(v) && std::abs(v) > double(std::numeric_limits<float>::max()))
            throw LoadError(Diagnostic::Code::UnsupportedFile, path,
                            "the 64-bit value " + number(v) +
                                " does not fit in 32-bit floating point, which cadview keeps such images in");
    }
}

struct Layout;
void readPixels(const Opened& o, const Layout& l, void* destination, std::size_t bytes);

struct Layout {
    VolumeDescription description;
    PixelMapping source;  // the file's own component type
    int fileComponents = 1;
    bool greyFromColour = false;
};

Layout layoutOf(const Opened& o, const std::string& path) {
    itk::ImageIOBase& io = *o.io;
    Layout l;
    VolumeDescription& d = l.description;
    const unsigned dims = io.GetNumberOfDimensions();
    if (dims < 2 || dims > 3) {
        bool trailingOnes = dims > 3;
        for (unsigned a = 3; a < dims; ++a)
            trailingOnes = trailingOnes && io.GetDimensions(a) == 1;
        if (!trailingOnes)
            throw LoadError(Diagnostic::Code::UnsupportedFile, path,
                            std::to_string(dims) + "-dimensional images are not supported");
    }
    d.geometry = geometryOf(io, path, d.diagnostics);
    d.diagnostics.insert(d.diagnostics.end(), o.warnings.begin(), o.warnings.end());
    try {
        d.pixelType = keptType(io.GetComponentType(), l.source);
    } catch (const std::invalid_argument&) {
        throw LoadError(
            Diagnostic::Code::UnsupportedFile, path,
            "pixel component type " + itk::ImageIOBase::GetComponentTypeAsString(io.GetComponentType()));
    }
    l.fileComponents = int(io.GetNumberOfComponents());
    const bool photo = o.format == "PNG" || o.format == "JPEG";
    if (l.fileComponents == 1) {
        d.components = 1;
    } else if (photo && (l.fileComponents == 3 || l.fileComponents == 4 || l.fileComponents == 2)) {
        d.components = 1;  // radiographs saved as RGB: shown as grey, with window/level
        l.greyFromColour = true;
    } else if (l.fileComponents == 3) {
        d.components = 3;
    } else {
        throw LoadError(Diagnostic::Code::UnsupportedFile, path,
                        std::to_string(l.fileComponents) + "-component pixels are not supported");
    }
    VolumeInfo& info = d.info;
    info.source = path;
    info.uid = path;
    info.format = o.format;
    info.seriesDescription = std::filesystem::path(path).filename().string();
    info.is2D = d.geometry.size[2] == 1;
    if (photo) info.modality = "XR";
    return l;
}

// ITK's NIfTI library turns NaN and infinite floats into 0 as it reads them (nifti_read_buffer), so float
// NIfTI pixels are read here, straight from the (inflated) file, in the file's byte order.
void readPixels(const Opened& o, const Layout& l, void* destination, std::size_t bytes) {
    if (o.format != "NIfTI" || !l.source.sourceFloat || o.niftiData.empty()) {
        o.io->Read(destination);
        return;
    }
    DataFileExtent::read(o.niftiData, o.niftiOffset, destination, bytes);
    const bool bigEndianFile = o.io->GetByteOrder() == itk::IOByteOrderEnum::BigEndian;
    const bool bigEndianHost = itk::ByteSwapper<int>::SystemIsBigEndian();
    if (bigEndianFile == bigEndianHost) return;
    const std::size_t width = std::size_t(l.source.bitsAllocated / 8);
    auto* p = static_cast<unsigned char*>(destination);
    for (std::size_t i = 0; i + width <= bytes; i += width)
        std::reverse(p + i, p + i + width);
}

}  // namespace

VolumeDescription ImageFileReader::describe(const std::string& path) {
    return layoutOf(open(path), path).description;
}

Volume ImageFileReader::read(const std::string& path, JobContext& job) {
    const Opened o = open(path);
    const Layout l = layoutOf(o, path);
    const VolumeDescription& d = l.description;
    job.setStage(JobStage::Decoding, 1);
    Volume v(d.geometry, d.pixelType, d.components);
    v.info() = d.info;
    v.diagnostics() = d.diagnostics;

    itk::ImageIORegion region(o.io->GetNumberOfDimensions());
    for (unsigned a = 0; a < o.io->GetNumberOfDimensions(); ++a) {
        region.SetIndex(a, 0);
        region.SetSize(a, o.io->GetDimensions(a));
    }
    o.io->SetIORegion(region);

    const bool direct =
        !l.greyFromColour && l.source.bitsAllocated / 8 == int(bytesPerComponent(d.pixelType));
    try {
        if (direct) {
            readPixels(o, l, v.data(), std::size_t(o.io->GetImageSizeInBytes()));
        } else {
            std::vector<char> raw(o.io->GetImageSizeInBytes());
            readPixels(o, l, raw.data(), raw.size());
            if (l.greyFromColour) {
                // ITK gives the image's own component type; PNG may be 16-bit.
                const std::size_t n = v.voxelCount(), fc = std::size_t(l.fileComponents);
                std::vector<float> comps(n * fc);
                PixelMapping toFloat = l.source;
                toFloat.output = PixelType::Float32;
                PixelConverter::convert(raw.data(), comps.data(), n * fc, toFloat);
                bool differ = false;
                std::vector<float> grey(n);
                for (std::size_t i = 0; i < n; ++i) {
                    const float* p = &comps[i * fc];
                    if (fc >= 3) {
                        differ = differ || p[0] != p[1] || p[1] != p[2];
                        grey[i] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
                    } else {
                        grey[i] = p[0];
                    }
                }
                PixelMapping fromFloat;
                fromFloat.bitsAllocated = 32;
                fromFloat.sourceFloat = true;
                fromFloat.output = d.pixelType;
                PixelConverter::convert(grey.data(), v.data(), n, fromFloat);
                if (differ)
                    v.diagnostics().push_back(Diagnostic::warning(Diagnostic::Code::ColorConverted, path));
            } else {
                if (l.source.sourceFloat && l.source.bitsAllocated == 64) requireFloat32Range(raw, path);
                PixelMapping m = l.source;
                m.output = d.pixelType;
                PixelConverter::convert(raw.data(), v.data(), v.voxelCount() * std::size_t(d.components), m);
            }
        }
    } catch (const itk::ExceptionObject& e) {
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, path, e.GetDescription());
    } catch (const LoadError&) {
        throw;
    } catch (const std::runtime_error& e) {
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, path, e.what());
    }
    job.advance();
    return v;
}

}  // namespace cadview
