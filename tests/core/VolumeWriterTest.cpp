// VolumeWriter round trips: the real chest CT and the (oblique) resampled gantry-tilt CT written as
// .nii.gz, .nrrd and .mha, read back with ImageFileReader: same geometry within 1e-4 and identical
// voxels; plus small synthetic float and RGB volumes, and the error paths.

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

#include "TempDir.h"
#include "TestData.h"
#include "io/ImageFileReader.h"
#include "io/VolumeWriter.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

void expectSameVolume(const Volume& written, const Volume& read, const std::string& what) {
    SCOPED_TRACE(what);
    const ImageGeometry& a = written.geometry();
    expectGeometry(read.geometry(), {a.size, a.spacing, a.origin, a.direction});
    EXPECT_EQ(read.pixelType(), written.pixelType());
    EXPECT_EQ(read.components(), written.components());
    ASSERT_EQ(read.bytes(), written.bytes());
    EXPECT_EQ(std::memcmp(read.data(), written.data(), written.bytes()), 0);
}

Volume roundTrip(const Volume& v, const std::string& path) {
    VolumeWriter::write(v, path);
    EXPECT_TRUE(fs::is_regular_file(path)) << path;
    JobContext job;
    return ImageFileReader::read(path, job);
}

class VolumeWriterRealData : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_NE(tilt_, nullptr) << "loading the series failed"; }
    static void SetUpTestSuite() {
        ct_ = new Volume(readOnlySeries(dataPath("ct_chest_lung_petct/A0001_lung_kernel")));
        tilt_ = new Volume(readOnlySeries(dataPath("ct_head_gantry_tilt/series")));
    }
    static void TearDownTestSuite() {
        delete ct_;
        delete tilt_;
        ct_ = tilt_ = nullptr;
    }
    static Volume* ct_;
    static Volume* tilt_;
};
Volume* VolumeWriterRealData::ct_ = nullptr;
Volume* VolumeWriterRealData::tilt_ = nullptr;

TEST_F(VolumeWriterRealData, ChestCtRoundTripsThroughEveryFormat) {
    ASSERT_EQ(ct_->pixelType(), PixelType::Int16);
    TempDir dir;
    for (const char* name : {"ct.nii.gz", "ct.nii", "ct.nrrd", "ct.mha"}) {
        const Volume back = roundTrip(*ct_, dir.file(name));
        expectSameVolume(*ct_, back, name);
        EXPECT_EQ(back.valueAt(457, 319, 0), 2976.0) << name;  // spot check against pydicom
        EXPECT_EQ(back.valueAt(204, 219, 12), 61.0) << name;
    }
    EXPECT_EQ(ImageFileReader::describe(dir.file("ct.nii.gz")).info.format, "NIfTI");
    EXPECT_EQ(ImageFileReader::describe(dir.file("ct.nrrd")).info.format, "NRRD");
    EXPECT_EQ(ImageFileReader::describe(dir.file("ct.mha")).info.format, "MetaImage");
    // Compressed outputs really are compressed (about 0.57 of the raw size for this noisy lung kernel).
    EXPECT_LT(fs::file_size(dir.file("ct.nii.gz")), ct_->bytes() * 3 / 4);
    EXPECT_LT(fs::file_size(dir.file("ct.nrrd")), ct_->bytes() * 3 / 4);
    EXPECT_GT(fs::file_size(dir.file("ct.nii")), ct_->bytes());
}

TEST_F(VolumeWriterRealData, ObliqueResampledCtKeepsItsDirection) {
    // Direction columns (1,0,0), (0,0.948,-0.317), (0,0.317,0.948): NIfTI stores it as a quaternion.
    ASSERT_EQ(tilt_->geometry().size[2], 37u);
    TempDir dir;
    for (const char* name : {"tilt.nii.gz", "tilt.nrrd", "tilt.mha"}) {
        const Volume back = roundTrip(*tilt_, dir.file(name));
        expectSameVolume(*tilt_, back, name);
        EXPECT_NEAR(back.geometry().direction[5], 0.31730468213197416, 1e-5) << name;
        EXPECT_EQ(back.valueAt(300, 200, 5), 311.0) << name;
    }
}

Volume synthetic(PixelType type, int components) {
    ImageGeometry g;
    g.size = {5, 4, 3};
    g.spacing = {0.25, 1.5, 4.0};
    g.origin = {-3.5, 12.0, 100.25};
    g.setAxis(0, {0, 0, -1});
    g.setAxis(1, {1, 0, 0});
    g.setAxis(2, {0, -1, 0});
    Volume v(g, type, components);
    const std::size_t n = v.voxelCount() * std::size_t(components);
    dispatchPixelType(type, [&](auto t) {
        using T = decltype(t);
        for (std::size_t i = 0; i < n; ++i)
            v.as<T>()[i] = T(double(i) * 1.25 + 7.0);
    });
    return v;
}

TEST(VolumeWriter, FloatVolumeWithPermutedAxesRoundTrips) {
    const Volume v = synthetic(PixelType::Float32, 1);
    TempDir dir;
    for (const char* name : {"f.nii.gz", "f.nrrd", "f.mha"}) {
        const Volume back = roundTrip(v, dir.file(name));
        expectSameVolume(v, back, name);
        EXPECT_FLOAT_EQ(float(back.valueAt(4, 3, 2)), 80.75f) << name;
    }
}

TEST(VolumeWriter, IntegerTypesRoundTrip) {
    TempDir dir;
    for (PixelType t :
         {PixelType::UInt8, PixelType::Int8, PixelType::UInt16, PixelType::Int32, PixelType::UInt32}) {
        const Volume v = synthetic(t, 1);
        const Volume back = roundTrip(v, dir.file("i.nrrd"));
        expectSameVolume(v, back, std::string(pixelTypeName(t)));
    }
}

TEST(VolumeWriter, RgbVolumeRoundTrips) {
    const Volume v = synthetic(PixelType::UInt8, 3);
    TempDir dir;
    for (const char* name : {"rgb.mha", "rgb.nrrd"}) {
        const Volume back = roundTrip(v, dir.file(name));
        expectSameVolume(v, back, name);
        EXPECT_EQ(back.valueAt(1, 0, 0, 2), 13.0);
    }
}

TEST(VolumeWriter, SupportedNamesAndErrors) {
    EXPECT_TRUE(VolumeWriter::supportsFileName("a/b/c.NII.GZ"));
    EXPECT_FALSE(VolumeWriter::supportsFileName("c.mhd"));  // two files cannot be replaced as one
    EXPECT_FALSE(VolumeWriter::supportsFileName("c.png"));
    EXPECT_FALSE(VolumeWriter::supportsFileName("c.dcm"));

    TempDir dir;
    const Volume v = synthetic(PixelType::Int16, 1);
    try {
        VolumeWriter::write(v, dir.file("out.mhd"));
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("use .mha"), std::string::npos) << e.what();
    }
    const std::string png = dir.file("out.png");
    try {
        VolumeWriter::write(v, png);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("out.png"), std::string::npos);
    }
    EXPECT_FALSE(fs::exists(png));
    EXPECT_THROW(VolumeWriter::write(Volume{}, dir.file("empty.nrrd")), std::runtime_error);
    const std::string unwritable = dir.file("no/such/folder/out.nrrd");
    try {
        VolumeWriter::write(v, unwritable);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("out.nrrd"), std::string::npos);
    }
}

}  // namespace
}  // namespace cadview::test
