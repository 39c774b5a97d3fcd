// Hand-made hostile DICOM, built in the test by editing copies of the real chest CT with DCMTK: positions,
// spacings and orientations that cannot be true (inf, NaN, 1e300, negative, collinear), a NaN rescale, a
// multi-frame file claiming 50 frames with one present, and an 8-bit slice among 16-bit ones. The damaged
// file is named with the reason and the rest of the series loads; what is loaded with a default says so.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329 on "literal" + std::string

#include <gtest/gtest.h>

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>
#include <string>

#include "TempDir.h"
#include "TestData.h"
#include "io/LoadError.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kCt = "ct_chest_lung_petct/A0001_lung_kernel";

// A copy of the chest CT's first `count` slices in `dir`.
void copySeries(const TempDir& dir, int count) {
    for (int i = 1; i <= count; ++i) {
        const std::string name = (i < 10 ? "1-0" : "1-") + std::to_string(i) + ".dcm";
        fs::copy_file(dataPath(kCt + "/" + name), dir.path() / name);
    }
}

void edit(const std::string& path, const DcmTagKey& tag, const std::string& value) {
    DcmFileFormat file;
    ASSERT_TRUE(file.loadFile(path.c_str()).good());
    file.loadAllDataIntoMemory();  // saved over the file it was read from: large values must be read first
    ASSERT_TRUE(file.getDataset()->putAndInsertString(tag, value.c_str()).good());
    ASSERT_TRUE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
}

StudyIndex index(const TempDir& dir) {
    JobContext job;
    return StudyIndexer::index(std::vector<std::string>{dir.path().string()}, job);
}

// The problem StudyIndexer reports for `file`, or an empty detail.
std::string problemOf(const StudyIndex& index, const std::string& file) {
    for (const auto& p : index.problems)
        if (p.subject == file) return p.detail;
    return {};
}

TEST(HostileDicom, ValuesThatCannotBeTrueNameTheFileAndTheRestLoads) {
    struct Case {
        DcmTagKey tag;
        const char* value;
        const char* reason;
    };
    for (const Case& c :
         {Case{DCM_ImagePositionPatient, "inf\\0\\0", "Image Position (Patient) inf\\0\\0"},
          Case{DCM_ImagePositionPatient, "0\\nan\\0", "Image Position (Patient)"},
          Case{DCM_ImagePositionPatient, "0\\0\\1e300", "Image Position (Patient)"},
          Case{DCM_PixelSpacing, "1e300\\1", "pixel spacing 1e300\\1 mm cannot be true"},
          Case{DCM_PixelSpacing, "-0.8\\0.8", "pixel spacing -0.8\\0.8 mm cannot be true"},
          Case{DCM_ImageOrientationPatient, "1\\0\\0\\1\\0\\0", "Image Orientation (Patient) is not two"},
          Case{DCM_ImageOrientationPatient, "nan\\0\\0\\0\\1\\0", "Image Orientation (Patient) is not two"},
          Case{DCM_RescaleSlope, "nan", "the rescale slope or intercept is not a finite number"},
          Case{DCM_RescaleIntercept, "inf", "the rescale slope or intercept is not a finite number"}}) {
        SCOPED_TRACE(c.value);
        TempDir dir;
        copySeries(dir, 6);
        const std::string bad = dir.file("1-03.dcm");
        edit(bad, c.tag, c.value);
        const StudyIndex found = index(dir);
        EXPECT_NE(problemOf(found, bad).find(std::string("impossible value: ") + c.reason), std::string::npos)
            << problemOf(found, bad);
        ASSERT_EQ(found.series.size(), 1u);
        EXPECT_EQ(found.series[0].imageCount(), 5u);
        JobContext job;
        const Volume v = VolumeLoader::load(found.series[0], {}, job);
        EXPECT_EQ(v.geometry().size[2], 6u);  // the gap is rebuilt (and said), not a size of 2^63
        EXPECT_LT(v.geometry().spacing[2], 10.0);
    }
}

TEST(HostileDicom, AMultiFrameFileWithFewerFramesThanItClaimsSaysSo) {
    TempDir dir;
    const std::string file = dir.file("mf.dcm");
    fs::copy_file(dataPath(kCt + "/1-01.dcm"), file);
    edit(file, DCM_NumberOfFrames, "50");
    JobContext job;
    const Volume v = VolumeLoader::loadPath(file, "", {}, job);
    ASSERT_EQ(v.geometry().size[2], 50u);
    bool named = false;
    std::string all;
    for (const auto& d : v.diagnostics()) {
        named = named ||
                (d.subject == file && d.detail.find("pixel data holds 1 of 50 frames") != std::string::npos);
        all += describe(d) + "\n";
    }
    EXPECT_TRUE(named) << all;
    EXPECT_EQ(v.valueAt(100, 100, 49), v.valueAt(0, 0, 49));  // blank, not stale memory
}

TEST(HostileDicom, AnEightBitSliceAmongSixteenBitOnesIsNotPartOfTheirVolume) {
    TempDir dir;
    copySeries(dir, 6);
    const std::string odd = dir.file("1-04.dcm");
    {
        DcmFileFormat file;
        ASSERT_TRUE(file.loadFile(odd.c_str()).good());
        file.loadAllDataIntoMemory();
        DcmDataset& ds = *file.getDataset();
        ds.putAndInsertUint16(DCM_BitsAllocated, 8);
        ds.putAndInsertUint16(DCM_BitsStored, 8);
        ds.putAndInsertUint16(DCM_HighBit, 7);
        ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
        std::vector<Uint8> pixels(512 * 512, 7);
        ds.putAndInsertUint8Array(DCM_PixelData, pixels.data(), pixels.size());
        ASSERT_TRUE(file.saveFile(odd.c_str(), EXS_LittleEndianExplicit).good());
    }
    const StudyIndex found = index(dir);
    ASSERT_EQ(found.series.size(), 2u);  // split, and the split is reported
    EXPECT_EQ(found.series[0].imageCount(), 5u);
    EXPECT_EQ(found.series[1].imageCount(), 1u);
    EXPECT_EQ(found.series[1].instances[0].path, odd);
    bool split = false;
    for (const auto& p : found.problems)
        split = split || p.code == Diagnostic::Code::SplitSeries;
    EXPECT_TRUE(split);
}

}  // namespace
}  // namespace cadview::test
