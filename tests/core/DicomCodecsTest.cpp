// Decoding of the single-file DICOM samples (dicom_samples/): transfer syntaxes (RLE, JPEG 2000, JPEG-LS,
// deflate, big endian, implicit VR), rescale to HU and to float, MONOCHROME1 inversion, colour, and
// multi-frame files. Expected numbers: tests/tools/make_reference_values.py (pydicom + numpy; Debian's
// pydicom has no JPEG-LS decoder, so those variants are compared with their uncompressed twin).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "TestData.h"

namespace cadview::test {
namespace {

Volume readSample(const std::string& relative, const LoadOptions& options = {}) {
    return readOnlySeries(samplePath(relative), options);
}

// --- MR_small: one 64 x 64 signed 16-bit MR slice in eight encodings -----------------------------------

const std::vector<Voxel> kMrSmallVoxels{
    {0, 0, 0, 905},   {63, 0, 0, 328}, {53, 16, 0, 555},  {25, 27, 0, 258},
    {32, 32, 0, 182}, {9, 38, 0, 340}, {48, 40, 0, 1498}, {24, 42, 0, 195},
    {21, 56, 0, 186}, {0, 63, 0, 378}, {63, 63, 0, 862},  {9, 0, 0, 2145},  // maximum
    {38, 57, 0, 127},                                                       // minimum
};

class MrSmallVariant : public ::testing::TestWithParam<const char*> {};

TEST_P(MrSmallVariant, DecodesToTheSameVoxelsAsPydicom) {
    const Volume v = readSample(std::string("pydicom_debian/") + GetParam());
    expectGeometry(v.geometry(), {{64, 64, 1},
                                  {0.3125, 0.3125, 0.8},  // one slice: SliceThickness as z spacing
                                  {-83.9063, -91.2, 6.6406},
                                  {1, 0, 0, 0, 1, 0, 0, 0, 1}});
    EXPECT_EQ(v.pixelType(), PixelType::Int16);
    EXPECT_TRUE(v.info().is2D);
    EXPECT_EQ(v.info().modality, "MR");
    ASSERT_TRUE(v.info().windowCenter.has_value());
    EXPECT_DOUBLE_EQ(*v.info().windowCenter, 600.0);
    expectVoxels(v, kMrSmallVoxels);
    EXPECT_EQ(voxelSum(v), 2125338.0);
    EXPECT_TRUE(v.diagnostics().empty());
}

INSTANTIATE_TEST_SUITE_P(Encodings, MrSmallVariant,
                         ::testing::Values("MR_small.dcm", "MR_small_RLE.dcm", "MR_small_bigendian.dcm",
                                           "MR_small_expb.dcm", "MR_small_implicit.dcm",
                                           "MR_small_jp2klossless.dcm", "MR_small_jpeg_ls_lossless.dcm",
                                           "MR_small_padded.dcm"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                             std::string name = p.param;
                             name = name.substr(0, name.size() - 4);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// --- emri_small: Enhanced MR, 10 frames of 64 x 64, 12 bits, no geometry in the file -------------------

const std::vector<Voxel> kEmriVoxels{
    {0, 0, 0, 31},   {63, 0, 0, 143}, {0, 63, 0, 71},   {63, 63, 0, 135}, {25, 27, 2, 125}, {9, 38, 3, 105},
    {32, 32, 5, 66}, {24, 42, 5, 29}, {53, 16, 6, 311}, {48, 40, 8, 369}, {21, 56, 8, 65},  {0, 0, 9, 110},
    {63, 0, 9, 25},  {0, 63, 9, 109}, {63, 63, 9, 147}, {9, 55, 7, 467},  // maximum
    {2, 35, 0, 0},                                                        // minimum
};

class EmriSmallVariant : public ::testing::TestWithParam<const char*> {};

TEST_P(EmriSmallVariant, DecodesAllFramesLikePydicom) {
    const Volume v = readSample(std::string("pydicom_data/") + GetParam());
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{64, 64, 10}));
    EXPECT_EQ(v.pixelType(), PixelType::UInt16);
    EXPECT_FALSE(v.info().is2D);
    expectVoxels(v, kEmriVoxels);
    EXPECT_EQ(voxelSum(v), 4493276.0);
    // The file carries no pixel spacing (no functional groups): 1 mm is assumed, and said.
    EXPECT_TRUE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::SpacingUnknown));
}

INSTANTIATE_TEST_SUITE_P(Encodings, EmriSmallVariant,
                         ::testing::Values("emri_small.dcm", "emri_small_RLE.dcm",
                                           "emri_small_big_endian.dcm", "emri_small_jpeg_2k_lossless.dcm",
                                           "emri_small_jpeg_ls_lossless.dcm"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                             std::string name = p.param;
                             return name.substr(0, name.size() - 4);
                         });

// --- Rescale, compression, pixel representation -----------------------------------------------------

TEST(DicomCodecs, CtSmallRescalesToHounsfieldInAWideEnoughType) {
    const Volume v = readSample("pydicom_debian/CT_small.dcm");
    expectGeometry(v.geometry(), {{128, 128, 1},
                                  {0.661468, 0.661468, 5.0},
                                  {-158.135803, -179.035797, -75.699997},
                                  {1, 0, 0, 0, 1, 0, 0, 0, 1}});
    // Signed 16-bit stored values minus 1024 can reach -33792: int16 cannot hold them all.
    EXPECT_EQ(v.pixelType(), PixelType::Int32);
    expectVoxels(v, {{0, 0, 0, -849},
                     {127, 0, 0, -808},
                     {106, 32, 0, -783},
                     {51, 54, 0, 53},
                     {64, 64, 0, 904},
                     {18, 76, 0, 58},
                     {96, 80, 0, 1},
                     {48, 85, 0, 62},
                     {42, 112, 0, -83},
                     {0, 127, 0, -65},
                     {127, 127, 0, -115},
                     {61, 64, 0, 1167},
                     {118, 5, 0, -896}});
}

TEST(DicomCodecs, Jpeg2000LosslessCt) {
    const Volume v = readSample("pydicom_data/693_J2KR.dcm");
    expectGeometry(
        v.geometry(),
        {{512, 512, 1}, {0.478516, 0.478516, 5.0}, {-122.5, -112.4, 47.0}, {1, 0, 0, 0, 1, 0, 0, 0, 1}});
    expectVoxels(v, {{0, 0, 0, -3024},
                     {511, 0, 0, -3024},
                     {426, 128, 0, -1000},
                     {204, 219, 0, 11},
                     {256, 256, 0, 24},
                     {73, 307, 0, -892},
                     {384, 320, 0, 27},
                     {192, 341, 0, 34},
                     {170, 448, 0, -958},
                     {511, 511, 0, -3024},
                     {150, 197, 0, 1468}});
    ASSERT_TRUE(v.info().windowCenter.has_value());
    EXPECT_DOUBLE_EQ(*v.info().windowCenter, 40.0);
    EXPECT_DOUBLE_EQ(*v.info().windowWidth, 100.0);
}

TEST(DicomCodecs, Jpeg2000WithPixelRepresentationMismatch) {
    // The codestream says unsigned, the header signed 13-bit: the header wins, as in pydicom.
    const Volume v = readSample("pydicom_debian/J2K_pixelrep_mismatch.dcm");
    EXPECT_EQ(v.pixelType(), PixelType::Int16);
    // Tilted single slice: column cosine (0, 0.9272, -0.3746).
    EXPECT_NEAR(v.geometry().direction[4], 0.9272, 1e-3);
    EXPECT_NEAR(v.geometry().direction[7], -0.3746, 1e-3);
    expectVoxels(v, {{0, 0, 0, -2000},
                     {426, 128, 0, -998},
                     {204, 219, 0, 3},
                     {256, 256, 0, 27},
                     {73, 307, 0, -580},
                     {384, 320, 0, -683},
                     {192, 341, 0, 32},
                     {170, 448, 0, -64},
                     {158, 276, 0, 1896}});
}

TEST(DicomCodecs, Jpeg2000LossyMatchesOpenJpegThroughPydicom) {
    const Volume v = readSample("pydicom_debian/JPEG2000.dcm");
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{256, 1024, 1}));
    EXPECT_NEAR(v.geometry().spacing[0], 2.26, kGeometryTolerance);
    EXPECT_EQ(v.pixelType(), PixelType::Int16);
    expectVoxels(v, {{0, 0, 0, 0},
                     {213, 256, 0, 24},
                     {102, 438, 0, 54},
                     {128, 512, 0, 7},
                     {36, 614, 0, 3},
                     {192, 640, 0, -1},
                     {96, 682, 0, 24},
                     {143, 423, 0, 245},
                     {254, 464, 0, -30}});
}

TEST(DicomCodecs, DeflatedExplicitLittleEndian) {
    const Volume v = readSample("pydicom_debian/image_dfl.dcm");
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{512, 512, 1}));
    EXPECT_EQ(v.pixelType(), PixelType::UInt8);
    EXPECT_TRUE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::SpacingUnknown));
    expectVoxels(v, {{0, 0, 0, 213},
                     {511, 0, 0, 90},
                     {426, 128, 0, 164},
                     {204, 219, 0, 7},
                     {256, 256, 0, 65},
                     {73, 307, 0, 148},
                     {384, 320, 0, 188},
                     {192, 341, 0, 138},
                     {170, 448, 0, 115},
                     {511, 511, 0, 188},
                     {4, 4, 0, 255},
                     {190, 15, 0, 0}});
}

TEST(DicomCodecs, FractionalRescaleGivesFloat) {
    // Slope 3.774114, intercept 6.1e-05 on 12-bit data (JPEG 2000 lossless).
    const Volume v = readSample("pydicom_data/MR2_J2KR.dcm");
    EXPECT_EQ(v.pixelType(), PixelType::Float32);
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{1024, 1024, 1}));
    expectVoxels(v,
                 {{0, 0, 0, 6.1e-05},
                  {853, 256, 0, 332.122093},
                  {409, 438, 0, 1207.716541},
                  {512, 512, 0, 1139.782489},
                  {146, 614, 0, 37.741201},
                  {768, 640, 0, 158.512849},
                  {384, 682, 0, 1219.038883},
                  {341, 896, 0, 547.246591},
                  {306, 340, 0, 2245.597891}},
                 2e-4);  // float32 rounding
}

// --- MONOCHROME1 ---------------------------------------------------------------------------------------

TEST(DicomCodecs, Monochrome1IsInvertedOverTheStoredRange) {
    // CR, 10 bits stored, no rescale: output = (0 + 1023) - stored (rule in DicomSeriesReader.cpp);
    // the window centre is mirrored the same way: 1023 - 550 = 473.
    const Volume v = readSample("pydicom_data/RG3_J2KI.dcm");
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{1760, 1760, 1}));
    EXPECT_EQ(v.pixelType(), PixelType::UInt16);
    expectVoxels(v, {{0, 0, 0, 1023},
                     {1759, 0, 0, 1023},
                     {1466, 440, 0, 1023},
                     {704, 754, 0, 209},
                     {880, 880, 0, 717},
                     {251, 1056, 0, 1023},
                     {1320, 1100, 0, 908},
                     {660, 1173, 0, 50},
                     {586, 1540, 0, 79},
                     {1759, 1759, 0, 1023},
                     {1143, 798, 0, 0}});  // the brightest stored value becomes black
    ASSERT_TRUE(v.info().windowCenter.has_value());
    EXPECT_DOUBLE_EQ(*v.info().windowCenter, 473.0);
    EXPECT_DOUBLE_EQ(*v.info().windowWidth, 1024.0);
    EXPECT_EQ(v.info().modality, "CR");
}

// --- Colour --------------------------------------------------------------------------------------------

struct Rgb {
    std::size_t x, y;
    int r, g, b;
};

void expectRgb(const Volume& v, const std::vector<Rgb>& expected) {
    ASSERT_EQ(v.components(), 3);
    for (const Rgb& e : expected) {
        EXPECT_EQ(v.valueAt(e.x, e.y, 0, 0), e.r) << "R at (" << e.x << ", " << e.y << ")";
        EXPECT_EQ(v.valueAt(e.x, e.y, 0, 1), e.g) << "G at (" << e.x << ", " << e.y << ")";
        EXPECT_EQ(v.valueAt(e.x, e.y, 0, 2), e.b) << "B at (" << e.x << ", " << e.y << ")";
    }
}

const std::vector<Rgb> kRgbBars{{0, 0, 255, 0, 0},       {50, 5, 255, 0, 0},      {50, 15, 255, 128, 128},
                                {50, 25, 0, 255, 0},     {50, 35, 128, 255, 128}, {50, 45, 0, 0, 255},
                                {50, 55, 128, 128, 255}, {50, 65, 0, 0, 0},       {50, 75, 64, 64, 64},
                                {50, 85, 192, 192, 192}, {50, 95, 255, 255, 255}, {99, 99, 255, 255, 255}};

TEST(DicomCodecs, RgbRle) {
    const Volume v = readSample("pydicom_debian/SC_rgb_rle.dcm");
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{100, 100, 1}));
    EXPECT_EQ(v.pixelType(), PixelType::UInt8);
    expectRgb(v, kRgbBars);
}

TEST(DicomCodecs, RgbJpegLosslessEqualsRgbRle) {
    // pydicom cannot decode JPEG lossless here; it must equal the RLE twin exactly.
    const Volume rle = readSample("pydicom_debian/SC_rgb_rle.dcm");
    const Volume jpeg = readSample("pydicom_debian/SC_rgb_jpeg_gdcm.dcm");
    ASSERT_EQ(jpeg.bytes(), rle.bytes());
    EXPECT_EQ(std::memcmp(jpeg.data(), rle.data(), rle.bytes()), 0);
}

TEST(DicomCodecs, SixteenAndThirtyTwoBitRgbKeepTheirTopEightBits) {
    // RLE colour with 16- and 32-bit samples (GDCM's RLE codec scrambles their bytes: cadview decodes these
    // itself). pydicom: the top 8 stored bits of both files equal SC_rgb_rle.dcm everywhere; 0x8080 gives
    // 128 (a shift), not 129 (a rounded division).
    for (const char* name : {"pydicom_debian/SC_rgb_rle_16bit.dcm", "pydicom_debian/SC_rgb_rle_32bit.dcm"}) {
        SCOPED_TRACE(name);
        expectRgb(readSample(name), kRgbBars);
    }
    const Volume rle = readSample("pydicom_debian/SC_rgb_rle_2frame.dcm");
    for (const char* name :
         {"pydicom_debian/SC_rgb_rle_16bit_2frame.dcm", "pydicom_debian/SC_rgb_rle_32bit_2frame.dcm"}) {
        SCOPED_TRACE(name);
        const Volume v = readSample(name);
        ASSERT_EQ(v.bytes(), rle.bytes());
        EXPECT_EQ(std::memcmp(v.data(), rle.data(), rle.bytes()), 0);
    }
}

// YBR_FULL and YBR_FULL_422 colour (JPEG baseline from DCMTK, and uncompressed 4:2:2), as pydicom decodes
// it: its YCbCr values through convert_color_space (PS3.3 C.7.6.3.1.2 in float32, rounded half up).
// Two encoder settings of the same bars give two sets of values.
const std::vector<Rgb> kYbrBarsN1{{0, 0, 254, 0, 0},       {50, 15, 253, 128, 132}, {50, 25, 0, 255, 5},
                                  {50, 35, 127, 255, 127}, {50, 45, 1, 0, 254},     {50, 55, 127, 128, 255},
                                  {50, 75, 64, 64, 64},    {50, 95, 255, 255, 255}, {99, 99, 255, 255, 255}};
const std::vector<Rgb> kYbrBarsN2{{0, 0, 254, 0, 0},       {50, 15, 255, 127, 127}, {50, 25, 0, 255, 5},
                                  {50, 35, 129, 255, 129}, {50, 45, 0, 0, 254},     {50, 55, 128, 127, 255},
                                  {50, 75, 64, 64, 64},    {50, 95, 255, 255, 255}, {99, 99, 255, 255, 255}};

TEST(DicomCodecs, YbrFullJpegBecomesRgb) {
    for (const char* name : {"SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm"}) {
        SCOPED_TRACE(name);
        const Volume v = readSample(std::string("pydicom_debian/") + name);
        EXPECT_EQ(v.pixelType(), PixelType::UInt8);
        expectRgb(v, kYbrBarsN1);
    }
    for (const char* name :
         {"SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm",
          "SC_rgb_jpeg_dcmtk.dcm", "SC_ybr_full_422_uncompressed.dcm"}) {
        SCOPED_TRACE(name);
        expectRgb(readSample(std::string("pydicom_debian/") + name), kYbrBarsN2);
    }
    // 3 x 3 pixels, one frame.
    expectRgb(readSample("pydicom_debian/SC_rgb_small_odd_jpeg.dcm"),
              {{0, 0, 165, 142, 49}, {1, 1, 62, 87, 179}, {2, 2, 159, 158, 154}, {2, 0, 165, 142, 49}});
}

TEST(DicomCodecs, YbrRctJpeg2000BecomesRgb) {
    const Volume v = readSample("pydicom_data/US1_J2KR.dcm");
    EXPECT_EQ(v.geometry().size, (std::array<std::size_t, 3>{640, 480, 1}));
    EXPECT_EQ(v.pixelType(), PixelType::UInt8);
    expectRgb(v, {{0, 0, 0, 0, 0},
                  {320, 240, 12, 12, 12},
                  {100, 400, 0, 0, 0},
                  {639, 479, 0, 0, 0},
                  {569, 25, 255, 255, 255}});
}

// --- Multi-frame ---------------------------------------------------------------------------------------

TEST(DicomCodecs, RtDoseMultiFrameGeometry) {
    // 15 frames at GridFrameOffsetVector 0, 5, ..., 70 mm from IPP; axial.
    const Volume v = readSample("pydicom_debian/rtdose.dcm");
    expectGeometry(v.geometry(),
                   {{10, 10, 15}, {10, 10, 5}, {189.43125, 199.43125, -761.87}, {1, 0, 0, 0, 1, 0, 0, 0, 1}});
    EXPECT_FALSE(v.info().is2D);
}

TEST(DicomCodecs, RtDoseMultiFrameKeepsDoseValues) {
    // The stored values times DoseGridScaling (1e-6): the dose in Gy, in a float volume. The big-endian copy
    // holds 32-bit samples, whose 16-bit halves GDCM exchanges (it swaps all big-endian pixel data as OW).
    const std::vector<Voxel> stored{
        {0, 0, 0, 1249000}, {9, 0, 0, 1253000}, {0, 9, 0, 795000}, {9, 9, 0, 798000},   {4, 4, 3, 1026000},
        {1, 6, 5, 934000},  {5, 5, 7, 975000},  {3, 6, 7, 930000}, {8, 2, 10, 1141000}, {7, 6, 12, 934000},
        {3, 8, 13, 844000}, {9, 9, 14, 799000}, {7, 0, 0, 1254000}};
    for (const char* name :
         {"pydicom_debian/rtdose.dcm", "pydicom_debian/rtdose_rle.dcm", "pydicom_debian/rtdose_expb.dcm"}) {
        SCOPED_TRACE(name);
        const Volume v = readSample(name);
        EXPECT_EQ(v.pixelType(), PixelType::Float32);
        for (const Voxel& e : stored)
            EXPECT_NEAR(v.valueAt(e.x, e.y, e.z), e.value * 1e-6, e.value * 1e-12);
    }
}

TEST(DicomCodecs, RtDoseSingleFrameIsScaledToo) {
    // One 10 x 10 frame; DoseGridScaling applies as it does to the multi-frame files (float32 rounding).
    const Volume v = readSample("pydicom_debian/rtdose_1frame.dcm");
    EXPECT_EQ(v.pixelType(), PixelType::Float32);
    expectVoxels(v,
                 {{0, 0, 0, 1.249},
                  {9, 0, 0, 1.253},
                  {8, 2, 0, 1.141},
                  {4, 4, 0, 1.029},
                  {5, 5, 0, 0.978},
                  {1, 6, 0, 0.931},
                  {3, 8, 0, 0.843},
                  {9, 9, 0, 0.798},
                  {7, 0, 0, 1.254},
                  {0, 9, 0, 0.795}},
                 1e-6);
}

TEST(DicomCodecs, EnhancedCtFramesAlongTheNormal) {
    // Per-frame positions (PlanePositionSequence) 10 mm apart; the normal (row x col = (0, 0, -1)) runs from
    // frame 1 (z = -149) to frame 0 (z = -159), so frame 1 is slice 0 and gives the origin.
    const Volume v = readSample("pydicom_data/eCT_Supplemental.dcm");
    expectGeometry(
        v.geometry(),
        {{512, 512, 2}, {0.388672, 0.388672, 10.0}, {99.5, -301.5, -149.0}, {-1, 0, 0, 0, 1, 0, 0, 0, -1}});
    EXPECT_FALSE(hasDiagnostic(v.diagnostics(), Diagnostic::Code::SpacingUnknown));
    // The window comes from the FrameVOILUTSequence of the shared functional groups.
    ASSERT_TRUE(v.info().windowCenter.has_value());
    EXPECT_DOUBLE_EQ(*v.info().windowCenter, 49.0);
    EXPECT_DOUBLE_EQ(*v.info().windowWidth, 102.0);
}

TEST(DicomCodecs, EnhancedCtRescaleFromFunctionalGroups) {
    // The rescale (-1024, in the shared functional groups' PixelValueTransformationSequence) decides the
    // output type as well as the values: 16-bit unsigned minus 1024 needs int32. Values are given in normal
    // order (frame 1 first).
    const Volume v = readSample("pydicom_data/eCT_Supplemental.dcm");
    EXPECT_EQ(v.pixelType(), PixelType::Int32);
    expectVoxels(v, {{0, 0, 0, -1024},
                     {204, 219, 0, -2},
                     {73, 307, 0, -2},
                     {170, 448, 0, -2},
                     {426, 128, 1, -1024},
                     {256, 256, 1, 81},
                     {384, 320, 1, -1000},
                     {192, 341, 1, 43},
                     {232, 280, 1, 172}});
}

}  // namespace
}  // namespace cadview::test
