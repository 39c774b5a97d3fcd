#include "image/PixelType.h"

#include <limits>

namespace cadview {

std::size_t bytesPerComponent(PixelType type) {
    return dispatchPixelType(type, [](auto v) { return sizeof(v); });
}

std::string_view pixelTypeName(PixelType type) {
    switch (type) {
        case PixelType::UInt8:
            return "uint8";
        case PixelType::Int8:
            return "int8";
        case PixelType::UInt16:
            return "uint16";
        case PixelType::Int16:
            return "int16";
        case PixelType::UInt32:
            return "uint32";
        case PixelType::Int32:
            return "int32";
        case PixelType::Float32:
            break;
    }
    return "float32";
}

bool isSigned(PixelType type) {
    return dispatchPixelType(type, [](auto v) { return std::numeric_limits<decltype(v)>::is_signed; });
}

bool isInteger(PixelType type) {
    return type != PixelType::Float32;
}

double pixelTypeMin(PixelType type) {
    return dispatchPixelType(type, [](auto v) { return double(std::numeric_limits<decltype(v)>::lowest()); });
}

double pixelTypeMax(PixelType type) {
    return dispatchPixelType(type, [](auto v) { return double(std::numeric_limits<decltype(v)>::max()); });
}

}  // namespace cadview
