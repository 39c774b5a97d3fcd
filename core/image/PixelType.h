#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cadview {

// Scalar type of one voxel component. Float64 sources are narrowed to Float32 on load.
enum class PixelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32 };

std::size_t bytesPerComponent(PixelType type);
std::string_view pixelTypeName(PixelType type);
bool isSigned(PixelType type);
bool isInteger(PixelType type);
// Smallest and largest value the type can hold (as double, exact for all integer types here).
double pixelTypeMin(PixelType type);
double pixelTypeMax(PixelType type);

template <typename T>
constexpr PixelType pixelTypeOf();
template <>
constexpr PixelType pixelTypeOf<std::uint8_t>() {
    return PixelType::UInt8;
}
template <>
constexpr PixelType pixelTypeOf<std::int8_t>() {
    return PixelType::Int8;
}
template <>
constexpr PixelType pixelTypeOf<std::uint16_t>() {
    return PixelType::UInt16;
}
template <>
constexpr PixelType pixelTypeOf<std::int16_t>() {
    return PixelType::Int16;
}
template <>
constexpr PixelType pixelTypeOf<std::uint32_t>() {
    return PixelType::UInt32;
}
template <>
constexpr PixelType pixelTypeOf<std::int32_t>() {
    return PixelType::Int32;
}
template <>
constexpr PixelType pixelTypeOf<float>() {
    return PixelType::Float32;
}

// Calls f(T{}) with T the C++ type of `type`.
template <typename F>
decltype(auto) dispatchPixelType(PixelType type, F&& f) {
    switch (type) {
        case PixelType::UInt8:
            return f(std::uint8_t{});
        case PixelType::Int8:
            return f(std::int8_t{});
        case PixelType::UInt16:
            return f(std::uint16_t{});
        case PixelType::Int16:
            return f(std::int16_t{});
        case PixelType::UInt32:
            return f(std::uint32_t{});
        case PixelType::Int32:
            return f(std::int32_t{});
        case PixelType::Float32:
            break;
    }
    return f(float{});
}

}  // namespace cadview
