#include "io/VolumeWriter.h"

#include <itkImageIOBase.h>
#include <itkMetaDataObject.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "io/AtomicFile.h"
#include "io/DataFileExtent.h"
#include "io/NiftiHeaderCheck.h"

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

// Reads `path` back with the reader of its format and compares size, type and every byte with `volume`.
// Geometry goes through the formats' own conversions (NIfTI's RAS, float header fields), so only the
// grid and the voxels are compared here: they are what a short or failed write loses.
void verify(const Volume& volume, const std::string& path, const itk::ImageIOBase::Pointer& written) {
    itk::ImageIOBase::Pointer io = dynamic_cast<itk::ImageIOBase*>(written->CreateAnother().GetPointer());
    io->SetFileName(path);
    io->ReadImageInformation();
    const ImageGeometry& g = volume.geometry();
    bool same = io->GetNumberOfDimensions() >= 3 && io->GetComponentType() == written->GetComponentType() &&
                io->GetNumberOfComponents() == unsigned(volume.components());
    for (unsigned a = 0; same && a < 3; ++a)
        same = io->GetDimensions(a) == g.size[a];
    const std::size_t bytes =
        volume.voxelCount() * std::size_t(volume.components()) * bytesPerComponent(volume.pixelType());
    if (!same || std::size_t(io->GetImageSizeInBytes()) != bytes)
        throw std::runtime_error("the file read back does not hold the image written");
    itk::ImageIORegion region(io->GetNumberOfDimensions());
    for (unsigned a = 0; a < io->GetNumberOfDimensions(); ++a) {
        region.SetIndex(a, 0);
        region.SetSize(a, io->GetDimensions(a));
    }
    io->SetIORegion(region);
    std::vector<char> back(bytes);
    const NiftiHeaderCheck::Result nifti = dynamic_cast<itk::NiftiImageIO*>(io.GetPointer())
                                               ? NiftiHeaderCheck::check(path)
                                               : NiftiHeaderCheck::Result{};
    if (!nifti.dataFile.empty())  // ITK's NIfTI reader turns NaN and infinities into 0: the bytes as written
        DataFileExtent::read(nifti.dataFile, nifti.voxOffset, back.data(), bytes);
    else
        io->Read(back.data());
    if (std::memcmp(back.data(), volume.data(), bytes) != 0)
        throw std::runtime_error("the voxels read back differ from those written (a short write?)");
}

}  // namespace

std::string VolumeWriter::extensionOf(const std::string& path) {
    for (const char* ext : {".nii.gz", ".nii", ".nrrd", ".mha"})
        if (endsWith(path, ext)) return ext;
    return {};
}

bool VolumeWriter::supportsFileName(const std::string& path) {
    return !extensionOf(path).empty();
}

void VolumeWriter::write(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields) {
    if (endsWith(path, ".mhd"))  // a header and a separate .raw/.zraw file cannot be replaced as one
        throw std::runtime_error(path + ": .mhd writes two files, which cannot be replaced as one; use .mha");
    if (!supportsFileName(path))
        throw std::runtime_error(path + ": unknown output format (use .nii, .nii.gz, .nrrd or .mha)");
    const std::string temporary = AtomicFile::temporaryPath(path, extensionOf(path));
    try {
        writeFile(volume, temporary, nrrdFields);
    } catch (const std::exception& e) {
        AtomicFile::discard(temporary);
        std::string what = e.what();  // "<temporary>: <why>": named after the target instead
        if (what.rfind(temporary, 0) == 0) what.replace(0, temporary.size(), path);
        throw std::runtime_error(what);
    }
    AtomicFile::commit(temporary, path);
}

void VolumeWriter::writeFile(const Volume& volume, const std::string& path, const HeaderFields& nrrdFields) {
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
        throw std::runtime_error(path + ": unknown output format (use .nii, .nii.gz, .nrrd or .mha)");
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
        verify(volume, path, io);
    } catch (const itk::ExceptionObject& e) {
        throw std::runtime_error(path + ": cannot write (" + e.GetDescription() + ")");
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": cannot write (" + e.what() + ")");
    }
}

}  // namespace cadview
