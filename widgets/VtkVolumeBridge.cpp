#include "VtkVolumeBridge.h"

#include <map>
#include <mutex>

#include <vtkAOSDataArrayTemplate.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkIntArray.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkSignedCharArray.h>
#include <vtkUnsignedCharArray.h>
#include <vtkUnsignedIntArray.h>
#include <vtkUnsignedShortArray.h>

namespace cadview {

namespace {

// VTK's array free hook is a plain function pointer, so the buffers it references are kept in a
// registry keyed by address; the hook drops the reference when VTK is done with the array.
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::multimap<const void*, std::shared_ptr<std::byte[]>>& registry() {
    static std::multimap<const void*, std::shared_ptr<std::byte[]>> r;
    return r;
}
void release(void* p) {
    std::lock_guard lock(registryMutex());
    auto it = registry().find(p);
    if (it != registry().end()) registry().erase(it);
}

template <typename ArrayT, typename T>
vtkSmartPointer<vtkDataArray> makeArray(const std::shared_ptr<const Volume>& v) {
    auto array = vtkSmartPointer<ArrayT>::New();
    array->SetNumberOfComponents(v->components());
    auto* data = const_cast<T*>(v->as<T>());
    {
        std::lock_guard lock(registryMutex());
        registry().emplace(data, v->sharedData());
    }
    array->SetArray(data, vtkIdType(v->voxelCount() * std::size_t(v->components())), 0,
                    vtkAbstractArray::VTK_DATA_ARRAY_USER_DEFINED);
    array->SetArrayFreeFunction(&release);
    return array;
}

}  // namespace

vtkSmartPointer<vtkImageData> VtkVolumeBridge::wrap(const std::shared_ptr<const Volume>& volume) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    if (!volume || volume->empty()) return image;
    const ImageGeometry& g = volume->geometry();
    image->SetDimensions(int(g.size[0]), int(g.size[1]), int(g.size[2]));
    image->SetSpacing(g.spacing[0], g.spacing[1], g.spacing[2]);
    image->SetOrigin(0, 0, 0);
    vtkSmartPointer<vtkDataArray> scalars;
    switch (volume->pixelType()) {
        case PixelType::UInt8:
            scalars = makeArray<vtkUnsignedCharArray, std::uint8_t>(volume);
            break;
        case PixelType::Int8:
            scalars = makeArray<vtkSignedCharArray, std::int8_t>(volume);
            break;
        case PixelType::UInt16:
            scalars = makeArray<vtkUnsignedShortArray, std::uint16_t>(volume);
            break;
        case PixelType::Int16:
            scalars = makeArray<vtkShortArray, std::int16_t>(volume);
            break;
        case PixelType::UInt32:
            scalars = makeArray<vtkUnsignedIntArray, std::uint32_t>(volume);
            break;
        case PixelType::Int32:
            scalars = makeArray<vtkIntArray, std::int32_t>(volume);
            break;
        case PixelType::Float32:
            scalars = makeArray<vtkFloatArray, float>(volume);
            break;
    }
    scalars->SetName("voxels");
    image->GetPointData()->SetScalars(scalars);
    return image;
}

}  // namespace cadview
