#include "io/ImageFileReader.h"

#include <itkImageIOBase.h>
#include <itkJPEGImageIO.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>
#include <itkPNGImageIO.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <vector>

#include "io/LoadError.h"
#include "io/PixelConverter.h"

namespace cadview {

namespace {

using IOComponent = itk::IOComponentEnum;

struct Opened {
    itk::ImageIOBase::Pointer io;
    std::string format;
};

Opened open(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
        throw LoadError(Diagnostic::Code::UnreadableFile, path, "no such file");
    const std::pair<itk::ImageIOBase::Pointer, const char*> candidates[] = {
        {itk::NiftiImageIO::New().GetPointer(), "NIfTI"},
        {itk::NrrdImageIO::New().GetPointer(), "NRRD"},
        {itk::MetaImageIO::New().GetPointer(), "MetaImage"},
        {itk::PNGImageIO::New().GetPointer(), "PNG"},
        {itk::JPEGImageIO::New().GetPointer(), "JPEG"}};
    for (const auto& [io, name] : candidates) {
        if (!io->CanReadFile(path.c_str())) continue;
        try {
            io->SetFileName(path);
            io->ReadImageInformation();
        } catch (const itk::ExceptionObject& e) {
            throw LoadError(Diagnostic::Code::UnreadableFile, path, e.GetDescription());
        }
        return {io, name};
    }
    throw LoadError(Diagnostic::Code::UnreadableFile, path, "not a NIfTI, NRRD, MetaImage, PNG or JPEG file");
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
    ImageGeometry& g = d.geometry;
    for (unsigned a = 0; a < 3; ++a) {
        const bool has = a < dims;
        g.size[a] = has ? io.GetDimensions(a) : 1;
        g.spacing[a] = has && io.GetSpacing(a) > 0 ? io.GetSpacing(a) : 1.0;
        g.origin[a] = has ? io.GetOrigin(a) : 0.0;
        Vec3 axis{0, 0, 0};
        axis[a] = 1;
        if (has) {
            const auto dir = io.GetDirection(a);
            for (unsigned r = 0; r < 3 && r < dir.size(); ++r)
                axis[r] = dir[r];
        }
        g.setAxis(int(a), axis);
    }
    if (!g.isOrthonormal(1e-3)) {
        // A sheared header (rare in NIfTI sform): keep positions, but use the nearest orthonormal axes.
        const Vec3 r = normalized(g.axis(0));
        const Vec3 n = normalized(cross(r, g.axis(1)));
        g.setAxis(0, r);
        g.setAxis(1, normalized(cross(n, r)));
        g.setAxis(2, n);
    }
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
    info.is2D = g.size[2] == 1;
    if (photo) info.modality = "XR";
    return l;
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
            o.io->Read(v.data());
        } else {
            std::vector<char> raw(o.io->GetImageSizeInBytes());
            o.io->Read(raw.data());
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
                PixelMapping m = l.source;
                m.output = d.pixelType;
                PixelConverter::convert(raw.data(), v.data(), v.voxelCount() * std::size_t(d.components), m);
            }
        }
    } catch (const itk::ExceptionObject& e) {
        throw LoadError(Diagnostic::Code::PixelDecodeFailed, path, e.GetDescription());
    }
    job.advance();
    return v;
}

}  // namespace cadview
