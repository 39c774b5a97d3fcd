#include "ItkSeriesLoader.h"

#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>

#include <stdexcept>

namespace cadview::bench {

PeerVolume ItkSeriesLoader::load(const std::string& dir) {
    using Image = itk::Image<short, 3>;
    using Reader = itk::ImageSeriesReader<Image>;

    auto names = itk::GDCMSeriesFileNames::New();
    names->SetUseSeriesDetails(true);
    names->SetDirectory(dir);
    const auto& seriesUids = names->GetSeriesUIDs();
    if (seriesUids.empty()) throw std::runtime_error(dir + ": ITK finds no DICOM series");
    const auto files = names->GetFileNames(seriesUids.front());

    auto reader = Reader::New();
    reader->SetImageIO(itk::GDCMImageIO::New());
    reader->SetFileNames(files);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& e) {
        throw std::runtime_error(dir + ": ITK cannot read the series (" + e.GetDescription() + ")");
    }

    Image::Pointer image = reader->GetOutput();
    image->DisconnectPipeline();
    PeerVolume v;
    const auto size = image->GetLargestPossibleRegion().GetSize();
    const auto& direction = image->GetDirection();
    for (unsigned a = 0; a < 3; ++a) {
        v.size[a] = size[a];
        v.spacing[a] = image->GetSpacing()[a];
        v.origin[a] = image->GetOrigin()[a];
        for (unsigned c = 0; c < 3; ++c)
            v.direction[3 * a + c] = direction[a][c];
    }
    v.data = image->GetBufferPointer();
    v.files = files.size();
    // Keep the image alive through a smart pointer that holds one ITK reference.
    Image* raw = image.GetPointer();
    raw->Register();
    v.owner = std::shared_ptr<void>(raw, [](void* p) { static_cast<Image*>(p)->UnRegister(); });
    return v;
}

}  // namespace cadview::bench
