// Resampling matches torch.nn.functional.interpolate(align_corners=False): the expected values were
// computed by tests/tools/make_resampling_reference.py (python3-torch) and pasted as literals.
#include <gtest/gtest.h>

#include <vector>

#include "inference/Resampling.h"

namespace cadview {
namespace {

const std::vector<float> kSource2D{0, 0.5f, 2, 4.5f, 1.5f, 2.5f, 4.5f, 6, 3, 4.5f, 5.5f, 7.5f};  // h 3, w 4
const std::vector<float> kSource3D{0,     0.25f, 1,     2.25f, 0.5f,  0.75f, 1.5f,  2.75f,
                                   1.25f, 1.25f, 1.75f, 2.75f, 1.75f, 1.75f, 2.25f, 3.25f,
                                   5,     4.75f, 5,     5.75f, 5.5f,  5.25f, 5.5f,  6.25f};  // d 3, h 2, w 4

void expectAllNear(const std::vector<float>& actual, const std::vector<float>& expected) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
        EXPECT_NEAR(actual[i], expected[i], 2e-6) << "at " << i;
}

TEST(Resampling, BilinearUpsamplingMatchesTorch) {
    std::vector<float> out(5 * 7);
    Resampling::resize2D(kSource2D.data(), 4, 3, out.data(), 7, 5);
    expectAllNear(out, {0,    0.1785714f, 0.4642857f, 1.25f, 2.178572f, 3.607143f, 4.5f,
                        0.6f, 0.85f,      1.25f,      2.15f, 3.150001f, 4.35f,     5.1f,
                        1.5f, 1.857143f,  2.428571f,  3.5f,  4.607143f, 5.464286f, 6,
                        2.4f, 2.864286f,  3.607143f,  4.4f,  5.228572f, 6.257143f, 6.9f,
                        3,    3.535714f,  4.392858f,  5,     5.642858f, 6.785715f, 7.5f});
}

TEST(Resampling, BilinearDownsamplingMatchesTorch) {
    std::vector<float> out(2 * 3);
    Resampling::resize2D(kSource2D.data(), 4, 3, out.data(), 3, 2);
    expectAllNear(out, {0.4791667f, 1.8125f, 4.5f, 2.854167f, 4.625f, 6.8125f});
}

TEST(Resampling, TrilinearMatchesTorch) {
    std::vector<float> out(5 * 3 * 2);
    Resampling::resize3D(kSource3D.data(), 4, 2, 3, out.data(), 2, 3, 5);
    expectAllNear(out, {0.125f, 1.625f, 0.375f, 1.875f, 0.625f, 2.125f, 0.575f, 1.875f, 0.825f, 2.125f,
                        1.075f, 2.375f, 1.25f,  2.25f,  1.5f,   2.5f,   1.75f,  2.75f,  3.425f, 4.125f,
                        3.675f, 4.375f, 3.925f, 4.625f, 4.875f, 5.375f, 5.125f, 5.625f, 5.375f, 5.875f});
}

TEST(Resampling, SameSizeIsTheIdentity) {
    std::vector<float> out(kSource3D.size());
    Resampling::resize3D(kSource3D.data(), 4, 2, 3, out.data(), 4, 2, 3);
    EXPECT_EQ(out, kSource3D);
    for (std::size_t i = 0; i < 9; ++i)
        EXPECT_EQ(Resampling::sourceCoordinate(i, 9, 9), double(i));
}

TEST(Resampling, SourceCoordinatesAreClampedToTheGrid) {
    // 2 -> 8: output 0 maps to -0.375 (clamped to 0), output 7 to 1.375 (clamped to 1).
    EXPECT_EQ(Resampling::sourceCoordinate(0, 2, 8), 0.0);
    EXPECT_DOUBLE_EQ(Resampling::sourceCoordinate(3, 2, 8), 0.375);
    EXPECT_EQ(Resampling::sourceCoordinate(7, 2, 8), 1.0);
    // 9 -> 3: voxel centres of the coarse grid fall on the fine grid's voxels 1, 4 and 7.
    EXPECT_DOUBLE_EQ(Resampling::sourceCoordinate(0, 9, 3), 1.0);
    EXPECT_DOUBLE_EQ(Resampling::sourceCoordinate(2, 9, 3), 7.0);
    // One voxel: everything maps onto it.
    EXPECT_EQ(Resampling::sourceCoordinate(4, 1, 5), 0.0);
}

TEST(Resampling, SampleOnTheGridAndBetween) {
    EXPECT_EQ(Resampling::sample3D(kSource3D.data(), 4, 2, 3, 3, 1, 2), 6.25f);
    // Halfway in x between 5 and 4.75 (z 2, y 0), and the corner of a 2 x 2 x 2 cell.
    EXPECT_FLOAT_EQ(Resampling::sample3D(kSource3D.data(), 4, 2, 3, 0.5, 0, 2), 4.875f);
    EXPECT_FLOAT_EQ(Resampling::sample3D(kSource3D.data(), 4, 2, 3, 0.5, 0.5, 0.5),
                    (0 + 0.25f + 0.5f + 0.75f + 1.25f + 1.25f + 1.75f + 1.75f) / 8);
}

TEST(Resampling, ResizeGivesTheSameValuesAsSamplingEachVoxel) {
    // The separable resize and the point sampler agree value for value (the segmentation maps results back
    // with the sampler), up and down, in 2D and 3D.
    std::vector<float> src(13 * 9 * 5);
    for (std::size_t i = 0; i < src.size(); ++i)
        src[i] = float((i * 37) % 101) * 0.37f - 3.0f;
    for (auto [ow, oh] : {std::pair<std::size_t, std::size_t>{31, 4}, {5, 17}, {13, 9}}) {
        std::vector<float> out(ow * oh);
        Resampling::resize2D(src.data(), 13, 9, out.data(), ow, oh);
        for (std::size_t y = 0; y < oh; ++y)
            for (std::size_t x = 0; x < ow; ++x)
                ASSERT_EQ(out[y * ow + x],
                          Resampling::sample3D(src.data(), 13, 9, 1, Resampling::sourceCoordinate(x, 13, ow),
                                               Resampling::sourceCoordinate(y, 9, oh), 0));
    }
    std::vector<float> out(7 * 11 * 3);
    Resampling::resize3D(src.data(), 13, 9, 5, out.data(), 7, 11, 3);
    for (std::size_t z = 0; z < 3; ++z)
        for (std::size_t y = 0; y < 11; ++y)
            for (std::size_t x = 0; x < 7; ++x)
                ASSERT_EQ(out[(z * 11 + y) * 7 + x],
                          Resampling::sample3D(src.data(), 13, 9, 5, Resampling::sourceCoordinate(x, 13, 7),
                                               Resampling::sourceCoordinate(y, 9, 11),
                                               Resampling::sourceCoordinate(z, 5, 3)));
}

}  // namespace
}  // namespace cadview
