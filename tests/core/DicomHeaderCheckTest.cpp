// DicomHeaderCheck: the walk over a DICOM file's elements that refuses what GDCM cannot read safely
// (lengths beyond the end of the file at any depth, runaway nesting, damaged meta groups), on hand-built
// files and the real samples.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "TestData.h"
#include "io/DicomHeaderCheck.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const char* const kExplicitLe = "1.2.840.10008.1.2.1";
const char* const kImplicitLe = "1.2.840.10008.1.2";

// Little-endian DICOM bytes, written element by element.
class Bytes {
  public:
    Bytes& u16(std::uint32_t v) {
        b_.push_back(char(v & 0xff));
        b_.push_back(char(v >> 8 & 0xff));
        return *this;
    }
    Bytes& u32(std::uint32_t v) { return u16(v & 0xffff).u16(v >> 16); }
    Bytes& text(const std::string& s) {
        b_.insert(b_.end(), s.begin(), s.end());
        return *this;
    }
    Bytes& tag(std::uint32_t group, std::uint32_t element) { return u16(group).u16(element); }
    // An explicit-VR element with a 16-bit length and its value.
    Bytes& shortElement(std::uint32_t group, std::uint32_t element, const char* vr, std::string value) {
        if (value.size() % 2) value += ' ';
        return tag(group, element).text(vr).u16(std::uint32_t(value.size())).text(value);
    }
    // An explicit-VR element header with a 32-bit length (OB, SQ, UN...), value not included.
    Bytes& longHeader(std::uint32_t group, std::uint32_t element, const char* vr, std::uint32_t length) {
        return tag(group, element).text(vr).u16(0).u32(length);
    }
    Bytes& implicitHeader(std::uint32_t group, std::uint32_t element, std::uint32_t length) {
        return tag(group, element).u32(length);
    }
    Bytes& item(std::uint32_t length) { return tag(0xfffe, 0xe000).u32(length); }
    Bytes& itemEnd() { return tag(0xfffe, 0xe00d).u32(0); }
    Bytes& sequenceEnd() { return tag(0xfffe, 0xe0dd).u32(0); }
    Bytes& zeros(std::size_t n) {
        b_.insert(b_.end(), n, '\0');
        return *this;
    }
    const std::vector<char>& data() const { return b_; }

  private:
    std::vector<char> b_;
};

// Preamble, "DICM" and a meta group naming `transferSyntax`.
Bytes fileStart(std::string transferSyntax) {
    if (transferSyntax.size() % 2) transferSyntax.push_back('\0');
    Bytes b;
    b.zeros(128).text("DICM");
    b.shortElement(0x0002, 0x0010, "UI", transferSyntax);
    return b;
}

class DicomHeaderCheckTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cadview-headercheck-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string write(const Bytes& b) {
        std::string name = std::to_string(files_++);
        name += ".dcm";
        const fs::path p = dir_ / name;
        std::ofstream(p, std::ios::binary).write(b.data().data(), std::streamsize(b.data().size()));
        return p.string();
    }

    fs::path dir_;
    int files_ = 0;
};

TEST_F(DicomHeaderCheckTest, EveryFileOfARealSeriesPasses) {
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dataPath("ct_chest_lung_petct/A0001_lung_kernel"))) {
        ++files;
        EXPECT_EQ(DicomHeaderCheck::problem(e.path().string()), std::nullopt) << e.path();
    }
    EXPECT_GT(files, 10u);
}

TEST_F(DicomHeaderCheckTest, ACleanHandBuiltFileWithNestedSequencesPasses) {
    Bytes b = fileStart(kExplicitLe);
    b.shortElement(0x0008, 0x0060, "CS", "CT");
    b.longHeader(0x0008, 0x1115, "SQ", 0xffffffffu).item(0xffffffffu);
    b.shortElement(0x0008, 0x1150, "UI", "1.2.3");
    b.itemEnd().sequenceEnd();
    b.longHeader(0x7fe0, 0x0010, "OW", 8).zeros(8);
    EXPECT_EQ(DicomHeaderCheck::problem(write(b)), std::nullopt);
}

TEST_F(DicomHeaderCheckTest, AHugeLengthInsideASequenceItemIsRefusedNamingTheElement) {
    Bytes b = fileStart(kExplicitLe);
    b.shortElement(0x0008, 0x0060, "CS", "CT");
    b.longHeader(0x0008, 0x1115, "SQ", 0xffffffffu).item(0xffffffffu);
    b.longHeader(0x0009, 0x1010, "OB", 0xf0000000u).zeros(16);
    const auto problem = DicomHeaderCheck::problem(write(b));
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("element (0009,1010) claims 4026531840 bytes, but only 16 are left"),
              std::string::npos)
        << *problem;
}

TEST_F(DicomHeaderCheckTest, AHugeLengthInAnImplicitVrDataSetIsRefused) {
    Bytes b = fileStart(kImplicitLe);
    b.implicitHeader(0x0008, 0x0060, 2).text("CT");
    b.implicitHeader(0x0008, 0x1115, 0xffffffffu).item(24);  // defined-length item in an undefined sequence
    b.implicitHeader(0x0008, 0x1150, 0xfb000000u).zeros(16);
    const auto problem = DicomHeaderCheck::problem(write(b));
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("element (0008,1150) claims"), std::string::npos) << *problem;
}

TEST_F(DicomHeaderCheckTest, AnItemLongerThanTheFileIsRefused) {
    Bytes b = fileStart(kExplicitLe);
    b.longHeader(0x0008, 0x1115, "SQ", 0xffffffffu).item(0x7fffffffu).zeros(40);
    const auto problem = DicomHeaderCheck::problem(write(b));
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("element (fffe,e000) claims 2147483647 bytes"), std::string::npos) << *problem;
}

TEST_F(DicomHeaderCheckTest, SequencesNestedTooDeepAreRefused) {
    auto nested = [&](int depth) {
        Bytes b = fileStart(kExplicitLe);
        for (int i = 0; i < depth; ++i)
            b.longHeader(0x0040, 0xa730, "SQ", 0xffffffffu).item(0xffffffffu);
        for (int i = 0; i < depth; ++i)
            b.itemEnd().sequenceEnd();
        return DicomHeaderCheck::problem(write(b));
    };
    EXPECT_EQ(nested(DicomHeaderCheck::kMaxDepth), std::nullopt);
    const auto problem = nested(DicomHeaderCheck::kMaxDepth + 1);
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "sequences nested more than 32 deep");
}

TEST_F(DicomHeaderCheckTest, TruncatedPixelDataIsLeftToThePixelDecoder) {
    Bytes native = fileStart(kExplicitLe);
    native.shortElement(0x0008, 0x0060, "CS", "CT");
    native.longHeader(0x7fe0, 0x0010, "OW", 512 * 512 * 2).zeros(1000);
    EXPECT_EQ(DicomHeaderCheck::problem(write(native)), std::nullopt);

    Bytes fragments = fileStart("1.2.840.10008.1.2.5");
    fragments.longHeader(0x7fe0, 0x0010, "OB", 0xffffffffu).item(0).item(50000).zeros(100);
    EXPECT_EQ(DicomHeaderCheck::problem(write(fragments)), std::nullopt);
}

TEST_F(DicomHeaderCheckTest, ADamagedMetaGroupIsStillRefused) {
    Bytes b = fileStart(kExplicitLe);
    b.longHeader(0x0002, 0x0100, "OB", 4000).zeros(10);
    const auto problem = DicomHeaderCheck::problem(write(b));
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("the file ends inside its DICOM File Meta Information"), std::string::npos);
}

TEST_F(DicomHeaderCheckTest, FilesThatAreNotDicomNeverReachGdcm) {
    // GDCM's guessing asserts on some files of a few bytes (found by fuzz_dicom_file): anything without
    // "DICM", a meta group or a leading group 0008 element is not DICOM.
    Bytes xml;
    xml.text("<annotation><folder>boxes</folder><filename>1.2.3</filename></annotation>\n");
    EXPECT_EQ(DicomHeaderCheck::problem(write(xml)), DicomHeaderCheck::kNotDicom);
    Bytes tiny;
    tiny.text("m").zeros(2).text("\xffUS.");
    EXPECT_EQ(DicomHeaderCheck::problem(write(tiny)), DicomHeaderCheck::kNotDicom);
    EXPECT_EQ(DicomHeaderCheck::problem((dir_ / "missing.dcm").string()), "cannot be opened");

    Bytes acrNema;  // no preamble, no meta group: an old ACR-NEMA style data set is still walked
    acrNema.shortElement(0x0008, 0x0060, "CS", "CT").shortElement(0x0010, 0x0010, "PN", "DOE^J");
    EXPECT_EQ(DicomHeaderCheck::problem(write(acrNema)), std::nullopt);
    Bytes metaOnly = fileStart(kExplicitLe);
    EXPECT_EQ(DicomHeaderCheck::problem(write(metaOnly)),
              "the file ends inside its DICOM File Meta Information (group 0002)");
    Bytes cutHeader = fileStart(kExplicitLe);
    cutHeader.shortElement(0x0008, 0x0060, "CS", "CT").tag(0x0010, 0x0010).text("PN");
    EXPECT_EQ(DicomHeaderCheck::problem(write(cutHeader)), "the file ends inside the header of an element");
}

TEST_F(DicomHeaderCheckTest, TheSampleWithAnImplicitDataSetUnderAJpegSyntaxIsExplained) {
    // Read as GDCM does, this pydicom sample makes it allocate 1.3 GB (found by fuzz_dicom_file).
    const auto problem = DicomHeaderCheck::problem(samplePath("pydicom_debian/SC_rgb_jpeg.dcm"));
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem,
              "element (0008,0008) has no valid VR in an explicit-VR data set (its data set seems to be "
              "written in implicit VR, against its transfer syntax 1.2.840.10008.1.2.4.50)");
}

TEST_F(DicomHeaderCheckTest, StructureThatBreaksTheTransferSyntaxIsRefused) {
    Bytes strayDelimiter = fileStart(kExplicitLe);
    strayDelimiter.shortElement(0x0008, 0x0060, "CS", "CT").sequenceEnd().zeros(8);
    EXPECT_EQ(DicomHeaderCheck::problem(write(strayDelimiter)),
              "a stray delimiter (fffe,e0dd) among the elements");

    Bytes notAnItem = fileStart(kExplicitLe);
    notAnItem.longHeader(0x0008, 0x1115, "SQ", 0xffffffffu).shortElement(0x0008, 0x0060, "CS", "CT");
    EXPECT_EQ(DicomHeaderCheck::problem(write(notAnItem)),
              "a sequence holds (0008,0060) where an item belongs");

    Bytes endsInSequence = fileStart(kExplicitLe);
    endsInSequence.longHeader(0x0008, 0x1115, "SQ", 0xffffffffu).item(0xffffffffu);
    endsInSequence.shortElement(0x0008, 0x1150, "UI", "1.2.3");
    EXPECT_EQ(DicomHeaderCheck::problem(write(endsInSequence)), "the file ends inside a sequence item");

    Bytes unknownVrInMeta = fileStart(kExplicitLe);  // GDCM rereads the group as implicit VR
    unknownVrInMeta.tag(0x0002, 0x0013).text("UH").u16(10).text("DCTOOL100 ");
    EXPECT_EQ(DicomHeaderCheck::problem(write(unknownVrInMeta)),
              "an unknown VR \"UH\" for (0002,0013) in its DICOM File Meta Information");

    Bytes unknownVrInDataSet = fileStart(kExplicitLe);  // PS 3.5 6.2: unknown VRs have 32-bit lengths
    unknownVrInDataSet.tag(0x0009, 0x1001).text("ZZ").u16(0).u32(4).text("abcd");
    EXPECT_EQ(DicomHeaderCheck::problem(write(unknownVrInDataSet)), std::nullopt);
}

}  // namespace
}  // namespace cadview::test
