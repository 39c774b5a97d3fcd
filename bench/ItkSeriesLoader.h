#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace cadview::bench {

// A volume read by the peer, with ITK kept out of this header (ITK series headers are slow to compile).
struct PeerVolume {
    std::array<std::size_t, 3> size{0, 0, 0};
    std::array<double, 3> spacing{1, 1, 1};
    std::array<double, 3> origin{0, 0, 0};
    std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row-major, column c = axis c
    const std::int16_t* data = nullptr;                          // x fastest, owned by `owner`
    std::shared_ptr<void> owner;                                 // the itk::Image
    std::size_t files = 0;

    std::size_t voxelCount() const { return size[0] * size[1] * size[2]; }
};

// The peer: a DICOM folder read the way most ITK-based tools do it,
//   itk::GDCMSeriesFileNames (SetUseSeriesDetails(true), SetDirectory) -> first series' file names,
//   itk::ImageSeriesReader<itk::Image<short, 3>> with an explicit itk::GDCMImageIO.
class ItkSeriesLoader {
  public:
    // Throws std::runtime_error when ITK fails or the folder holds no series.
    static PeerVolume load(const std::string& dir);
};

}  // namespace cadview::bench
