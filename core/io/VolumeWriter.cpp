#include "io/VolumeWriter.h"

#include <itkImageIOBase.h>
#include <itkMetaDataObject.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <stdexcept>

namespace cadview {

namespace {

bool endsWith(std::string s, const std::string& suffix) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

itk::IOComponentEnum componentOf(PixelType t) {
    using C = itk::IOComponentEnum;
    switch (t) {
        case PixelType::UInt8:
            return C::UCHAR;
        case PixelType::Int8:
            return C::CHAR;
        case PixelType::UInt16:
            return C::USHORT;
        case PixelType::Int16:
            return C::SHORT;
        case PixelType::UInt32:
            return C::UINT;
        case PixelType::Int32:
            return C::INT;
        case PixelType::Float32:
            break;
    }
    return C::FLOAT;
}

}  // namespace

bool VolumeWriter::supportsFileName(const std::string& path) {
    for (const char* ext : {".nii", ".nii.gz", ".nrrd", ".mha", ".mhd"})
        if (endsWith(path, ext)) return true;
    return false;
}

void VolumeWriter::write(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields) {
    if (volume.empty()) throw std::runtime_error(path + ": nothing to write");
    itk::ImageIOBase::Pointer io;
    bool compress = false;
    if (endsWith(path, ".nii") || endsWith(path, ".nii.gz")) {
        io = itk::NiftiImageIO::New();
        compress = endsWith(path, ".gz");
    } else if (endsWith(path, ".nrrd")) {
        io = itk::NrrdImageIO::New();
        compress = true;
        itk::MetaDataDictionary dict;
        for (const auto& [key, value] : nrrdFields)
            itk::EncapsulateMetaData<std::string>(dict, key, value);
        io->SetMetaDataDictionary(dict);
    } else if (endsWith(path, ".mha") || endsWith(path, ".mhd")) {
        io = itk::MetaImageIO::New();
        compress = true;
    } else {
        throw std::runtime_error(path + ": unknown output format (use .nii, .nii.gz, .nrrd, .mha or .mhd)");
    }
    const ImageGeometry& g = volume.geometry();
    io->SetNumberOfDimensions(3);
    itk::ImageIORegion region(3);
    for (unsigned a = 0; a < 3; ++a) {
        io->SetDimensions(a, g.size[a]);
        io->SetSpacing(a, g.spacing[a]);
        io->SetOrigin(a, g.origin[a]);
        const Vec3 axis = g.axis(int(a));
        io->SetDirection(a, std::vector<double>{axis[0], axis[1], axis[2]});
        region.SetIndex(a, 0);
        region.SetSize(a, g.size[a]);
    }
    io->SetComponentType(componentOf(volume.pixelType()));
    io->SetNumberOfComponents(unsigned(volume.components()));
    io->SetPixelType(volume.components() == 3 ? itk::IOPixelEnum::RGB : itk::IOPixelEnum::SCALAR);
    io->SetIORegion(region);
    io->SetUseCompression(compress);
    io->SetFileName(path);
    try {
        io->Write(volume.data());
    } catch (const itk::ExceptionObject& e) {
        throw std::runtime_error(path + ": cannot write (" + e.GetDescription() + ")");
    }
}

}  // namespace cadview
