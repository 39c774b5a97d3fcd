// PixelConverter: masking to BitsStored, sign extension, modality rescale, MONOCHROME1 inversion,
// rounding and clamping into the output type, and in-place conversion. Expected values by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "io/PixelConverter.h"

namespace cadview {
namespace {

template <typename Dst, typename Src>
std::vector<Dst> run(const std::vector<Src>& src, PixelMapping m) {
    std::vector<Dst> dst(src.size());
    PixelConverter::convert(src.data(), dst.data(), src.size(), m);
    return dst;
}

PixelMapping mapping(int bitsAllocated, int bitsStored, bool sourceSigned, PixelType output) {
    PixelMapping m;
    m.bitsAllocated = bitsAllocated;
    m.bitsStored = bitsStored;
    m.sourceSigned = sourceSigned;
    m.output = output;
    return m;
}

TEST(PixelConverter, TwelveBitUnsignedIsMasked) {
    // Bits above BitsStored (overlays, garbage) are dropped: 0xF123 -> 0x123.
    const std::vector<std::uint16_t> src{0xF123, 0x0FFF, 0x1000, 0x0000, 0x8001};
    const auto out = run<std::uint16_t>(src, mapping(16, 12, false, PixelType::UInt16));
    EXPECT_EQ(out, (std::vector<std::uint16_t>{0x123, 0xFFF, 0, 0, 1}));
}

TEST(PixelConverter, TwelveBitSignedIsSignExtended) {
    const std::vector<std::uint16_t> src{0x0FFF, 0x0800, 0x07FF, 0xF800, 0x1001, 0xFFFF};
    const auto out = run<std::int16_t>(src, mapping(16, 12, true, PixelType::Int16));
    EXPECT_EQ(out, (std::vector<std::int16_t>{-1, -2048, 2047, -2048, 1, -1}));
}

TEST(PixelConverter, FullWidthSignedIsUntouched) {
    const std::vector<std::int16_t> src{-32768, -1, 0, 32767};
    const auto out = run<std::int16_t>(src, mapping(16, 16, true, PixelType::Int16));
    EXPECT_EQ(out, src);
}

TEST(PixelConverter, IntegerRescaleToHounsfield) {
    PixelMapping m = mapping(16, 12, false, PixelType::Int16);
    m.intercept = -1024;
    const std::vector<std::uint16_t> src{0, 1024, 4095, 0xF000 | 2000};
    EXPECT_EQ(run<std::int16_t>(src, m), (std::vector<std::int16_t>{-1024, 0, 3071, 976}));
}

TEST(PixelConverter, FractionalRescaleToFloat) {
    PixelMapping m = mapping(16, 16, false, PixelType::Float32);
    m.slope = 3.774114;
    m.intercept = 6.1e-05;
    const std::vector<std::uint16_t> src{0, 10, 595};
    const auto out = run<float>(src, m);
    EXPECT_FLOAT_EQ(out[0], 6.1e-05f);
    EXPECT_FLOAT_EQ(out[1], 37.741201f);
    EXPECT_FLOAT_EQ(out[2], float(595 * 3.774114 + 6.1e-05));
}

TEST(PixelConverter, FractionalRescaleRoundsHalfAwayFromZero) {
    PixelMapping m = mapping(16, 16, true, PixelType::Int16);
    m.slope = 0.5;
    const std::vector<std::int16_t> src{3, 5, -3, -5, 4};
    // 1.5 -> 2, 2.5 -> 3, -1.5 -> -2, -2.5 -> -3, 2 -> 2
    EXPECT_EQ(run<std::int16_t>(src, m), (std::vector<std::int16_t>{2, 3, -2, -3, 2}));
}

TEST(PixelConverter, Monochrome1IsInverted) {
    // 10-bit MONOCHROME1 without rescale: range [0, 1023], output = 1023 - stored.
    PixelMapping m = mapping(16, 10, false, PixelType::UInt16);
    m.invert = true;
    m.invertSum = 1023;
    const std::vector<std::uint16_t> src{0, 1023, 300, 0xFC00 | 300};
    EXPECT_EQ(run<std::uint16_t>(src, m), (std::vector<std::uint16_t>{1023, 0, 723, 723}));
}

TEST(PixelConverter, Monochrome1InvertsAfterRescale) {
    // 12-bit unsigned with intercept -1024: rescaled range [-1024, 3071], sum 2047.
    PixelMapping m = mapping(16, 12, false, PixelType::Int16);
    m.intercept = -1024;
    m.invert = true;
    m.invertSum = 2047;
    const std::vector<std::uint16_t> src{0, 4095, 1024};
    EXPECT_EQ(run<std::int16_t>(src, m), (std::vector<std::int16_t>{3071, -1024, 2047}));
    // The same through the floating-point path (slope 2): 2047 - (2 * 100 - 1024) = 2871.
    m.slope = 2;
    EXPECT_EQ(run<std::int16_t>(std::vector<std::uint16_t>{100}, m), (std::vector<std::int16_t>{2871}));
}

TEST(PixelConverter, ClampsIntoTheOutputType) {
    // Unsigned 16-bit above 32767 into int16.
    EXPECT_EQ(
        run<std::int16_t>(std::vector<std::uint16_t>{40000, 32767}, mapping(16, 16, false, PixelType::Int16)),
        (std::vector<std::int16_t>{32767, 32767}));
    // Negative and large values into uint8.
    EXPECT_EQ(
        run<std::uint8_t>(std::vector<std::int16_t>{-5, 300, 17}, mapping(16, 16, true, PixelType::UInt8)),
        (std::vector<std::uint8_t>{0, 255, 17}));
    // Rescaled values outside int16 (floating path).
    PixelMapping m = mapping(16, 16, true, PixelType::Int16);
    m.slope = 1.5;
    EXPECT_EQ(run<std::int16_t>(std::vector<std::int16_t>{30000, -30000}, m),
              (std::vector<std::int16_t>{32767, -32768}));
}

TEST(PixelConverter, FloatSourcesClampAndZeroNonFinite) {
    PixelMapping m = mapping(32, 32, false, PixelType::Int32);
    m.sourceFloat = true;
    const std::vector<float> src{1e10f, -1e10f, 2.5f, std::numeric_limits<float>::quiet_NaN(),
                                 std::numeric_limits<float>::infinity()};
    EXPECT_EQ(run<std::int32_t>(src, m),
              (std::vector<std::int32_t>{std::numeric_limits<std::int32_t>::max(),
                                         std::numeric_limits<std::int32_t>::min(), 3, 0, 0}));
    PixelMapping d = mapping(64, 64, false, PixelType::Float32);
    d.sourceFloat = true;
    d.slope = 2;
    d.intercept = 1;
    EXPECT_EQ(run<float>(std::vector<double>{0.25, -3.0}, d), (std::vector<float>{1.5f, -5.0f}));
    // Float to float keeps what the file holds: NaN stays NaN, infinities stay infinite.
    const std::vector<float> kept = run<float>(std::vector<double>{std::numeric_limits<double>::quiet_NaN(),
                                                                   -std::numeric_limits<double>::infinity()},
                                               d);
    EXPECT_TRUE(std::isnan(kept[0]));
    EXPECT_EQ(kept[1], -std::numeric_limits<float>::infinity());
}

TEST(PixelConverter, EightAndThirtyTwoBitSources) {
    PixelMapping m8 = mapping(8, 8, false, PixelType::Int16);
    m8.intercept = -100;
    EXPECT_EQ(run<std::int16_t>(std::vector<std::uint8_t>{0, 255, 100}, m8),
              (std::vector<std::int16_t>{-100, 155, 0}));
    PixelMapping s8 = mapping(8, 8, true, PixelType::Int8);
    EXPECT_EQ(run<std::int8_t>(std::vector<std::int8_t>{-128, 127}, s8),
              (std::vector<std::int8_t>{-128, 127}));
    PixelMapping m32 = mapping(32, 32, false, PixelType::UInt32);
    EXPECT_EQ(run<std::uint32_t>(std::vector<std::uint32_t>{4294967295u, 1249000u}, m32),
              (std::vector<std::uint32_t>{4294967295u, 1249000u}));
    PixelMapping dose = mapping(32, 32, false, PixelType::Float32);
    dose.slope = 1e-6;
    const auto gy = run<float>(std::vector<std::uint32_t>{1249000u}, dose);
    EXPECT_FLOAT_EQ(gy[0], 1.249f);
}

TEST(PixelConverter, InPlaceConversionBetweenSameWidthIntegers) {
    PixelMapping m = mapping(16, 12, false, PixelType::Int16);
    m.intercept = -1024;
    ASSERT_TRUE(PixelConverter::canConvertInPlace(m));
    std::vector<std::uint16_t> buffer{0, 1024, 4095, 0xF000 | 5};
    PixelConverter::convert(buffer.data(), buffer.data(), buffer.size(), m);
    std::vector<std::int16_t> asSigned(buffer.size());
    for (std::size_t i = 0; i < buffer.size(); ++i)
        asSigned[i] = std::int16_t(buffer[i]);
    EXPECT_EQ(asSigned, (std::vector<std::int16_t>{-1024, 0, 3071, -1019}));
}

TEST(PixelConverter, CanConvertInPlaceOnlyForSameWidthIntegers) {
    EXPECT_TRUE(PixelConverter::canConvertInPlace(mapping(8, 8, false, PixelType::UInt8)));
    EXPECT_TRUE(PixelConverter::canConvertInPlace(mapping(32, 32, true, PixelType::UInt32)));
    EXPECT_FALSE(PixelConverter::canConvertInPlace(mapping(8, 8, false, PixelType::Int16)));
    EXPECT_FALSE(PixelConverter::canConvertInPlace(mapping(16, 16, false, PixelType::Int32)));
    EXPECT_FALSE(PixelConverter::canConvertInPlace(mapping(32, 32, false, PixelType::Float32)));
    PixelMapping f = mapping(32, 32, false, PixelType::Int32);
    f.sourceFloat = true;
    EXPECT_FALSE(PixelConverter::canConvertInPlace(f));
}

}  // namespace
}  // namespace cadview
