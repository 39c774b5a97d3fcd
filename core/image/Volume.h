#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "image/Diagnostic.h"
#include "image/ImageGeometry.h"
#include "image/PixelType.h"

namespace cadview {

// What is known about where a volume came from; shown in the GUI and printed by the CLI.
struct VolumeInfo {
    std::string source;  // folder or file it was read from
    std::string uid;     // SeriesInstanceUID, or the file path for non-DICOM files
    std::string modality;
    std::string seriesDescription;
    std::string studyDescription;
    std::string studyDate;  // YYYYMMDD as in DICOM
    std::string patientName;
    std::string patientId;
    std::string format;  // "DICOM", "NIfTI", "NRRD", "MetaImage", "PNG", "JPEG"
    // Window suggested by the file (DICOM WindowCenter/Width), in output units (HU for CT).
    std::optional<double> windowCenter;
    std::optional<double> windowWidth;
    bool is2D = false;  // a plain radiograph or photo: one large view, no 3D
};

// Voxels plus their place in patient space. The buffer is shared so views can display it without a copy;
// it is x-fastest, then y, then z, components interleaved.
class Volume {
  public:
    Volume() = default;
    // Allocates an uninitialised buffer: pages are only touched when a loader writes them.
    Volume(const ImageGeometry& geometry, PixelType type, int components = 1);
    // Uses `buffer`, which the caller allocated with at least bytes() bytes (shared memory, for example).
    Volume(const ImageGeometry& geometry, PixelType type, int components,
           std::shared_ptr<std::byte[]> buffer);

    const ImageGeometry& geometry() const { return geometry_; }
    void setGeometry(const ImageGeometry& g);
    PixelType pixelType() const { return type_; }
    int components() const { return components_; }
    bool empty() const { return !data_; }

    std::size_t voxelCount() const { return geometry_.voxelCount(); }
    std::size_t bytes() const { return voxelCount() * components_ * bytesPerComponent(type_); }
    std::size_t sliceBytes() const {
        return geometry_.size[0] * geometry_.size[1] * components_ * bytesPerComponent(type_);
    }

    std::byte* data() { return data_.get(); }
    const std::byte* data() const { return data_.get(); }
    const std::shared_ptr<std::byte[]>& sharedData() const { return data_; }
    template <typename T>
    T* as() {
        return reinterpret_cast<T*>(data_.get());
    }
    template <typename T>
    const T* as() const {
        return reinterpret_cast<const T*>(data_.get());
    }
    std::byte* slice(std::size_t z) { return data_.get() + z * sliceBytes(); }

    // Value of component c at integer index, as double (for tests, probes and statistics; not hot loops).
    double valueAt(std::size_t x, std::size_t y, std::size_t z, int c = 0) const;

    VolumeInfo& info() { return info_; }
    const VolumeInfo& info() const { return info_; }
    Diagnostics& diagnostics() { return diagnostics_; }
    const Diagnostics& diagnostics() const { return diagnostics_; }

  private:
    ImageGeometry geometry_;
    PixelType type_ = PixelType::Int16;
    int components_ = 1;
    std::shared_ptr<std::byte[]> data_;
    VolumeInfo info_;
    Diagnostics diagnostics_;
};

}  // namespace cadview
