// LabelMapFile: label maps with their label table in NIfTI (ITK-SNAP sidecar) and NRRD (Slicer fields +
// JSON in the header), read back bit for bit; what is refused and how.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "TestData.h"
#include "io/LabelMapFile.h"
#include "io/VolumeWriter.h"

namespace cadview {
namespace {

namespace fs = std::filesystem;

class LabelMapFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("cadview_labelmap_" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
                std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string file(const std::string& name) const { return (dir_ / name).string(); }
    std::set<std::string> listing() const {
        std::set<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_))
            names.insert(e.path().filename().string());
        return names;
    }
    fs::path dir_;
};

// An oblique grid (rotated 30 degrees about z, then 10 about x) with anisotropic spacing.
ImageGeometry obliqueGrid() {
    ImageGeometry g;
    g.size = {17, 13, 7};
    g.spacing = {0.7, 0.9, 2.5};
    g.origin = {-100.25, 50.5, 30.125};
    const double a = 30 * M_PI / 180, b = 10 * M_PI / 180;
    const Vec3 r{std::cos(a), std::sin(a), 0};
    const Vec3 c{-std::sin(a) * std::cos(b), std::cos(a) * std::cos(b), std::sin(b)};
    g.setAxis(0, r);
    g.setAxis(1, c);
    g.setAxis(2, cross(r, c));
    return g;
}

Volume patternLabels(const ImageGeometry& g) {
    Volume v(g, PixelType::UInt8, 1);
    auto* p = v.as<std::uint8_t>();
    for (std::size_t i = 0; i < v.voxelCount(); ++i)
        p[i] = std::uint8_t((i * 7 + i / 5) % 4);
    p[v.voxelCount() - 1] = 200;
    return v;
}

LabelTable sampleTable() {
    LabelTable t;
    t.set({1, "Liver", {220, 20, 60}, true, false});
    t.set({2, "Left kidney", {0, 128, 255}, false, true});
    t.set({3, "Tumour (enhancing)", {10, 200, 30}, true, false});
    return t;
}

void expectSameVoxels(const Volume& a, const Volume& b) {
    ASSERT_EQ(a.pixelType(), PixelType::UInt8);
    ASSERT_EQ(b.pixelType(), PixelType::UInt8);
    ASSERT_EQ(a.voxelCount(), b.voxelCount());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.bytes()), 0);
}

void expectSameGeometry(const ImageGeometry& got, const ImageGeometry& want) {
    test::expectGeometry(got, {want.size, want.spacing, want.origin, want.direction}, 1e-4);
}

void expectSameNamesAndColours(const LabelTable& got, const LabelTable& want) {
    for (const LabelEntry& e : want.entries()) {
        const LabelEntry* g = got.find(e.value);
        ASSERT_NE(g, nullptr) << "label " << e.value;
        EXPECT_EQ(g->name, e.name);
        EXPECT_EQ(g->color, e.color) << "label " << e.value;
    }
}

std::string nrrdHeader(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string header, line;
    while (std::getline(in, line) && !line.empty())
        header += line + "\n";
    return header;
}

TEST_F(LabelMapFileTest, NiftiRoundTripKeepsVoxelsGeometryAndTable) {
    const Volume labels = patternLabels(obliqueGrid());
    const LabelTable table = sampleTable();
    LabelMapFile::write(labels, table, file("seg.nii.gz"));
    EXPECT_EQ(listing(), (std::set<std::string>{"seg.nii.gz", "seg.label.txt"}));

    const LabelMapFile::Loaded back = LabelMapFile::read(file("seg.nii.gz"));
    expectSameVoxels(back.labels, labels);
    expectSameGeometry(back.labels.geometry(), labels.geometry());
    expectSameNamesAndColours(back.table, table);
    EXPECT_FALSE(back.table.find(2)->visible);
    // 200 is in the map but not in the table: it gets a default entry.
    ASSERT_NE(back.table.find(200), nullptr);
    EXPECT_EQ(back.table.find(200)->name, "Label 200");
    EXPECT_EQ(back.table.entries().size(), 4u);
}

TEST_F(LabelMapFileTest, NrrdRoundTripKeepsVoxelsGeometryAndTableInTheHeader) {
    const Volume labels = patternLabels(obliqueGrid());
    LabelTable table = sampleTable();
    table.set({200, "Marker", {255, 255, 0}, true, false});
    LabelMapFile::write(labels, table, file("seg.nrrd"));
    EXPECT_EQ(listing(), (std::set<std::string>{"seg.nrrd"}));

    const std::string header = nrrdHeader(file("seg.nrrd"));
    EXPECT_NE(header.find("Segment0_Name:=Liver\n"), std::string::npos) << header;
    EXPECT_NE(header.find("Segment0_LabelValue:=1\n"), std::string::npos) << header;
    EXPECT_NE(header.find("Segment0_Layer:=0\n"), std::string::npos) << header;
    EXPECT_NE(header.find("Segment1_Color:=0 0.501961 1\n"), std::string::npos) << header;
    EXPECT_NE(header.find("Segment3_LabelValue:=200\n"), std::string::npos) << header;
    EXPECT_NE(header.find("cadview_labels:="), std::string::npos) << header;

    const LabelMapFile::Loaded back = LabelMapFile::read(file("seg.nrrd"));
    expectSameVoxels(back.labels, labels);
    expectSameGeometry(back.labels.geometry(), labels.geometry());
    EXPECT_TRUE(back.table == table);
}

TEST_F(LabelMapFileTest, NrrdWithOnlySlicerFieldsGivesTheirNamesAndColours) {
    const Volume labels = patternLabels(obliqueGrid());
    LabelMapFile::write(labels, sampleTable(), file("seg.nrrd"));
    // Drop our JSON line, as a file saved by 3D Slicer would not have it.
    std::ifstream in(file("seg.nrrd"), std::ios::binary);
    std::stringstream whole;
    whole << in.rdbuf();
    in.close();
    std::string text = whole.str();
    const std::size_t key = text.find("cadview_labels:=");
    ASSERT_NE(key, std::string::npos);
    text.erase(key, text.find('\n', key) - key + 1);
    std::ofstream(file("seg.nrrd"), std::ios::binary) << text;

    const LabelMapFile::Loaded back = LabelMapFile::read(file("seg.nrrd"));
    expectSameVoxels(back.labels, labels);
    expectSameNamesAndColours(back.table, sampleTable());
}

TEST_F(LabelMapFileTest, Uint16MapWithValuesAbove255FailsNamingFileAndValue) {
    Volume v(obliqueGrid(), PixelType::UInt16, 1);
    std::memset(v.data(), 0, v.bytes());
    v.as<std::uint16_t>()[17 * 2 + 3] = 300;  // voxel (3, 2, 0)
    VolumeWriter::write(v, file("big.nii.gz"));
    try {
        LabelMapFile::read(file("big.nii.gz"));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(file("big.nii.gz")), std::string::npos) << what;
        EXPECT_NE(what.find("300"), std::string::npos) << what;
        EXPECT_NE(what.find("(3, 2, 0)"), std::string::npos) << what;
    }
}

TEST_F(LabelMapFileTest, Uint16AndFloatMapsWithLabelValuesAreRead) {
    Volume v(obliqueGrid(), PixelType::UInt16, 1);
    Volume f(obliqueGrid(), PixelType::Float32, 1);
    for (std::size_t i = 0; i < v.voxelCount(); ++i) {
        v.as<std::uint16_t>()[i] = std::uint16_t(i % 3 == 0 ? 255 : i % 3);
        f.as<float>()[i] = float(i % 3);
    }
    VolumeWriter::write(v, file("u16.nrrd"));
    VolumeWriter::write(f, file("f32.nii"));
    const LabelMapFile::Loaded u = LabelMapFile::read(file("u16.nrrd"));
    const LabelMapFile::Loaded fl = LabelMapFile::read(file("f32.nii"));
    for (std::size_t i = 0; i < v.voxelCount(); ++i) {
        ASSERT_EQ(u.labels.as<std::uint8_t>()[i], v.as<std::uint16_t>()[i]) << i;
        ASSERT_EQ(fl.labels.as<std::uint8_t>()[i], std::uint8_t(f.as<float>()[i])) << i;
    }
    ASSERT_EQ(u.table.entries().size(), 3u);  // 1, 2, 255 with default names
    EXPECT_EQ(u.table.find(255)->name, "Label 255");
    EXPECT_EQ(fl.table.entries().size(), 2u);

    f.as<float>()[5] = 1.5f;
    VolumeWriter::write(f, file("frac.nii"));
    EXPECT_THROW(LabelMapFile::read(file("frac.nii")), std::runtime_error);
}

TEST_F(LabelMapFileTest, MissingFileFailsClearly) {
    try {
        LabelMapFile::read(file("nothing.nii.gz"));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(file("nothing.nii.gz")), std::string::npos) << e.what();
    }
}

TEST_F(LabelMapFileTest, WritingLeavesNoTemporaryFileAndReplacesOnlyTheTarget) {
    const Volume labels = patternLabels(obliqueGrid());
    std::ofstream(file("keep.txt")) << "unrelated";
    LabelMapFile::write(labels, sampleTable(), file("a.nii"));
    LabelMapFile::write(labels, sampleTable(), file("a.nii"));  // replaces the first
    LabelMapFile::write(labels, sampleTable(), file("b.mha"));
    LabelMapFile::write(labels, sampleTable(), file("c.nrrd"));
    EXPECT_EQ(listing(),
              (std::set<std::string>{"keep.txt", "a.nii", "a.label.txt", "b.mha", "b.label.txt", "c.nrrd"}));
    expectSameVoxels(LabelMapFile::read(file("b.mha")).labels, labels);

    // Failures leave nothing behind either.
    Volume wrongType(obliqueGrid(), PixelType::Int16, 1);
    EXPECT_THROW(LabelMapFile::write(wrongType, sampleTable(), file("d.nii.gz")), std::runtime_error);
    EXPECT_THROW(LabelMapFile::write(labels, sampleTable(), file("e.png")), std::runtime_error);
    EXPECT_THROW(LabelMapFile::write(labels, sampleTable(), file("no/such/dir/f.nii.gz")),
                 std::runtime_error);
    EXPECT_EQ(listing().size(), 6u);

    // The image cannot replace a non-empty folder of its name: neither its temporary file nor the
    // sidecar's is left, and no sidecar is committed for an image that was not.
    fs::create_directories(fs::path(file("g.nii.gz")) / "inside");
    EXPECT_THROW(LabelMapFile::write(labels, sampleTable(), file("g.nii.gz")), std::runtime_error);
    EXPECT_EQ(listing().size(), 7u);
    EXPECT_TRUE(listing().count("g.nii.gz"));
}

TEST_F(LabelMapFileTest, SidecarNameReplacesTheImageExtension) {
    EXPECT_EQ(LabelMapFile::sidecarPath("/x/seg.nii.gz"), "/x/seg.label.txt");
    EXPECT_EQ(LabelMapFile::sidecarPath("/x/seg.nii"), "/x/seg.label.txt");
    EXPECT_EQ(LabelMapFile::sidecarPath("/x/seg.mha"), "/x/seg.label.txt");
}

}  // namespace
}  // namespace cadview
