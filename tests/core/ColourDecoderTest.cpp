// ColourDecoder and RleDecoder on hand-made buffers: the rules behind the colour samples of
// DicomCodecsTest (top 8 stored bits by a shift, YBR_FULL -> RGB as pydicom computes it, planar
// layout, RLE segment order).

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "io/ColourDecoder.h"
#include "io/RleDecoder.h"

namespace cadview::test {
namespace {

std::vector<std::uint8_t> rgb8(const void* src, std::size_t pixels, const ColourLayout& layout) {
    std::vector<std::uint8_t> out(3 * pixels);
    ColourDecoder::toRgb8(src, out.data(), pixels, layout);
    return out;
}

TEST(ColourDecoder, WideSamplesKeepTheirTopEightBits) {
    const std::array<std::uint16_t, 6> sixteen{0xffff, 0x8080, 0x80ff, 0x00ff, 0x0100, 0x7fff};
    EXPECT_EQ(rgb8(sixteen.data(), 2, {16, 16, false, false}),
              (std::vector<std::uint8_t>{255, 128, 128, 0, 1, 127}));
    // 12 stored bits in 16: bits above BitsStored are ignored, the top 8 of the 12 kept.
    const std::array<std::uint16_t, 3> twelve{0xf800, 0x0fff, 0x0810};
    EXPECT_EQ(rgb8(twelve.data(), 1, {16, 12, false, false}), (std::vector<std::uint8_t>{128, 255, 129}));
    const std::array<std::uint32_t, 3> thirtyTwo{0xffffffffu, 0x80808080u, 0x00ffffffu};
    EXPECT_EQ(rgb8(thirtyTwo.data(), 1, {32, 32, false, false}), (std::vector<std::uint8_t>{255, 128, 0}));
}

TEST(ColourDecoder, PlanarBecomesInterleaved) {
    const std::array<std::uint8_t, 6> planar{1, 2, 3, 4, 5, 6};  // R R G G B B
    EXPECT_EQ(rgb8(planar.data(), 2, {8, 8, true, false}), (std::vector<std::uint8_t>{1, 3, 5, 2, 4, 6}));
}

TEST(ColourDecoder, YbrFullBecomesRgbAsInPydicom) {
    // pydicom convert_color_space(..., "YBR_FULL", "RGB") of these triplets (float32, rounded half up,
    // clipped): red, white, black, grey, and blue with green clipped at 0. (The decoder agrees with pydicom
    // on all 2^24 triplets.)
    const std::array<std::uint8_t, 15> ybr{76,  85, 255, 255, 128, 128, 0,  128,
                                           128, 64, 128, 128, 29,  255, 107};
    EXPECT_EQ(rgb8(ybr.data(), 5, {8, 8, false, true}),
              (std::vector<std::uint8_t>{254, 0, 0, 255, 255, 255, 0, 0, 0, 64, 64, 64, 0, 0, 254}));
}

TEST(RleDecoder, SegmentsAreMostSignificantByteFirstPerSample) {
    // Two 16-bit RGB pixels: (0xff00, 0x0001, 0x8080) and (0xff00, 0x0002, 0x8080). Six segments: R high,
    // R low, G high, G low, B high, B low; each a PackBits run or literal.
    const std::vector<std::vector<std::uint8_t>> segments{
        {0xff, 0xff},              // repeat 0xff twice
        {0xff, 0x00},              // repeat 0x00 twice
        {0xff, 0x00},              // G high: 0x00 twice
        {0x01, 0x01, 0x02},        // literal 0x01, 0x02
        {0xff, 0x80},              // B high
        {0x80, 0xff, 0x80, 0x00},  // a no-op (-128), then 0x80 twice, then padding
    };
    std::vector<std::uint8_t> frame(64, 0);
    frame[0] = 6;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const std::uint32_t offset = std::uint32_t(frame.size());
        for (int b = 0; b < 4; ++b)
            frame[4 + 4 * s + std::size_t(b)] = std::uint8_t(offset >> (8 * b));
        frame.insert(frame.end(), segments[s].begin(), segments[s].end());
    }
    std::array<std::uint16_t, 6> out{};
    ASSERT_TRUE(RleDecoder::decodeFrame(frame.data(), frame.size(),
                                        reinterpret_cast<std::uint8_t*>(out.data()), 2, 3, 2));
    EXPECT_EQ(out, (std::array<std::uint16_t, 6>{0xff00, 0x0001, 0x8080, 0xff00, 0x0002, 0x8080}));

    // Malformed: a segment count that does not match, a segment too short, offsets out of the fragment.
    std::vector<std::uint8_t> bad = frame;
    bad[0] = 5;
    EXPECT_FALSE(RleDecoder::decodeFrame(bad.data(), bad.size(), reinterpret_cast<std::uint8_t*>(out.data()),
                                         2, 3, 2));
    EXPECT_FALSE(RleDecoder::decodeFrame(frame.data(), frame.size(),
                                         reinterpret_cast<std::uint8_t*>(out.data()), 3, 3, 2));
    bad = frame;
    bad[4] = 0xf0;
    bad[5] = 0xff;
    EXPECT_FALSE(RleDecoder::decodeFrame(bad.data(), bad.size(), reinterpret_cast<std::uint8_t*>(out.data()),
                                         2, 3, 2));
    EXPECT_FALSE(
        RleDecoder::decodeFrame(frame.data(), 10, reinterpret_cast<std::uint8_t*>(out.data()), 2, 3, 2));
}

}  // namespace
}  // namespace cadview::test
