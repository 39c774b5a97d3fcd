// cadview-cli anonymize on the real chest CT and a DICOM SEG drawn on it: the output is checked by
// tests/tools/check_deid.py with pydicom (independent of cadview) against the profile table that
// `anonymize --print-profile` prints, so the table has one source.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "CliRunner.h"
#include "TestFolder.h"
#include "io/ImageFileReader.h"
#include "io/LabelMapFile.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kChestCt = std::string(CADVIEW_TEST_DATA) + "/ct_chest_lung_petct/A0001_lung_kernel";
const std::string kSamples = std::string(CADVIEW_TEST_DATA) + "/dicom_samples/pydicom_debian/";
const std::string kDefaultKey = "cadview-ps3.15-basic-profile-v1";  // Deidentifier::kDefaultKey

// IN: the 64 CT slices and a SEG (a box on slices 20-22) exported from a label map on them.
void makeInput(const TempDir& dir, const std::string& in) {
    fs::create_directories(in);
    for (const auto& e : fs::directory_iterator(kChestCt))
        fs::copy_file(e.path(), in + "/" + e.path().filename().string());
    ASSERT_EQ(runCli("convert " + quoted(kChestCt) + " " + quoted(dir.file("ct.nii.gz"))).exitCode, 0);
    const ImageGeometry g = ImageFileReader::describe(dir.file("ct.nii.gz")).geometry;
    Volume v(g, PixelType::UInt8, 1);
    std::memset(v.data(), 0, v.bytes());
    for (std::size_t z = 20; z <= 22; ++z)
        for (std::size_t y = 150; y < 230; ++y)
            for (std::size_t x = 120; x < 200; ++x)
                v.as<std::uint8_t>()[(z * g.size[1] + y) * g.size[0] + x] = 1;
    LabelTable t;
    t.set({1, "Nodule", {255, 80, 0}, true, false});
    LabelMapFile::write(v, t, dir.file("labels.nii.gz"));
    const CliRun seg = runCli("export-seg --labels " + quoted(dir.file("labels.nii.gz")) + " --reference " +
                              quoted(kChestCt) + " --output " + quoted(in + "/seg.dcm"));
    ASSERT_EQ(seg.exitCode, 0) << seg.err;
}

CliRun checkDeid(const TempDir& dir, const std::string& source, const std::string& output,
                 const std::string& key, const std::string& extra = "") {
    return runCommand(std::string(CADVIEW_PYTHON) + " " + quoted(CADVIEW_DEID_CHECK) + " " +
                      quoted(dir.file("profile.csv")) + " " + quoted(source) + " " + quoted(output) + " " +
                      quoted(key) + " " + extra);
}

std::set<std::string> namesIn(const std::string& folder) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(folder))
        names.insert(e.path().filename().string());
    return names;
}

std::string bytesOf(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

TEST(AnonymizeCli, CtAndSegFollowTheProfileAndStayLinked) {
    TempDir dir;
    const std::string in = dir.file("in");
    makeInput(dir, in);
    const CliRun profile = runCli("anonymize --print-profile > " + quoted(dir.file("profile.csv")));
    ASSERT_EQ(profile.exitCode, 0) << profile.err;
    EXPECT_GE(readCsv(dir.file("profile.csv")).size(), 301u);  // header + >= 300 rows of Table E.1-1

    const CliRun r = runCli("anonymize " + quoted(in) + " " + quoted(dir.file("out1")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("anonymized 65 files (2 series, 1 studies, 1 patients) into "), std::string::npos)
        << r.out;
    EXPECT_EQ((r.out + r.err).find("Lung_Dx"), std::string::npos) << "a patient identifier was printed";
    std::cout << r.out;

    const CliRun check = checkDeid(dir, in, dir.file("out1"), kDefaultKey);
    EXPECT_EQ(check.exitCode, 0) << check.err << check.out;
    EXPECT_NE(check.out.find("check_deid: OK: 65 files, 2 series, 1 studies"), std::string::npos)
        << check.out;
    std::cout << check.out;

    // Deterministic: the same input and key give the same files, byte for byte.
    ASSERT_EQ(runCli("anonymize " + quoted(in) + " " + quoted(dir.file("out2"))).exitCode, 0);
    const std::set<std::string> names = namesIn(dir.file("out1"));
    EXPECT_EQ(names.size(), 65u);
    EXPECT_EQ(namesIn(dir.file("out2")), names);
    for (const std::string& n : names)
        EXPECT_EQ(bytesOf(dir.file("out2/" + n)), bytesOf(dir.file("out1/" + n))) << n;

    // Another key: other UIDs everywhere, and the output is just as clean and linked.
    const CliRun keyed = runCli("anonymize " + quoted(in) + " " + quoted(dir.file("out3")) + " --key s3cret");
    ASSERT_EQ(keyed.exitCode, 0) << keyed.err;
    for (const std::string& n : namesIn(dir.file("out3")))
        EXPECT_EQ(names.count(n), 0u) << n;
    const CliRun keyedCheck = checkDeid(dir, in, dir.file("out3"), "s3cret");
    EXPECT_EQ(keyedCheck.exitCode, 0) << keyedCheck.err << keyedCheck.out;

    // The checker is not blind: the wrong key, or the source itself, fail it.
    const CliRun wrongKey = checkDeid(dir, in, dir.file("out3"), kDefaultKey);
    EXPECT_EQ(wrongKey.exitCode, 1) << wrongKey.out;
    EXPECT_NE(wrongKey.err.find("UID not the keyed hash of a source UID"), std::string::npos) << wrongKey.err;
    const CliRun source = checkDeid(dir, in, in, kDefaultKey);
    EXPECT_EQ(source.exitCode, 1) << source.out;
    EXPECT_NE(source.err.find("private tag remains"), std::string::npos) << source.err;
    EXPECT_NE(source.err.find("holds an original value"), std::string::npos) << source.err;
    EXPECT_NE(source.err.find("MedicalAlerts: should be removed"), std::string::npos) << source.err;
}

TEST(AnonymizeCli, GivenPatientNameAndIdAreWritten) {
    TempDir dir;
    ASSERT_EQ(runCli("anonymize --print-profile > " + quoted(dir.file("profile.csv"))).exitCode, 0);
    const CliRun r = runCli("anonymize " + quoted(kChestCt) + " " + quoted(dir.file("out")) +
                            " --patient-name 'Case^Seven' --patient-id CASE-7 --key k");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("anonymized 64 files (1 series, 1 studies, 1 patients)"), std::string::npos)
        << r.out;
    const CliRun check = checkDeid(dir, kChestCt, dir.file("out"), "k", "'Case^Seven' CASE-7");
    EXPECT_EQ(check.exitCode, 0) << check.err << check.out;
}

TEST(AnonymizeCli, BadArgumentsFailAndBrokenFilesAreSkipped) {
    TempDir dir;
    const CliRun missing = runCli("anonymize " + quoted(dir.file("nowhere")) + " " + quoted(dir.file("out")));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("nowhere: no such file or folder"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(dir.file("out")));

    const std::string in = dir.file("in");
    fs::create_directories(in + "/sub");
    const std::string slices[] = {"1-01.dcm", "1-02.dcm", "1-03.dcm"};
    for (const std::string& s : slices)
        fs::copy_file(kChestCt + "/" + s, in + "/sub/" + s);
    fs::copy_file(kSamples + "rtplan_truncated.dcm", in + "/rtplan_truncated.dcm");
    fs::copy_file(kSamples + "MR_truncated.dcm", in + "/MR_truncated.dcm");
    std::ofstream(in + "/notes.txt") << "not DICOM\n";
    const std::set<std::string> before = namesIn(in);

    for (const std::string& out : {in, in + "/", in + "/sub", in + "/new/out"}) {
        const CliRun r = runCli("anonymize " + quoted(in) + " " + quoted(out));
        EXPECT_EQ(r.exitCode, 1) << out;
        EXPECT_NE(r.err.find("must not be the input or lie inside it"), std::string::npos) << r.err;
    }
    EXPECT_EQ(namesIn(in), before);
    EXPECT_EQ(namesIn(in + "/sub").size(), 3u);

    const CliRun r = runCli("anonymize " + quoted(in) + " " + quoted(dir.file("out")));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("anonymized 3 files (1 series, 1 studies, 1 patients)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("skipped 3"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("note: skipped rtplan_truncated.dcm: not a readable DICOM file"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("note: skipped MR_truncated.dcm: not a readable DICOM file"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("note: skipped notes.txt: not a DICOM file"), std::string::npos) << r.err;
    EXPECT_EQ(namesIn(dir.file("out")).size(), 3u);
    for (const std::string& n : namesIn(dir.file("out")))
        EXPECT_EQ(n.rfind("2.25.", 0), 0u) << n;  // named by the new UID, nothing of the input's names

    // Nothing readable at all: an error.
    fs::create_directories(dir.file("junk"));
    std::ofstream(dir.file("junk/a.txt")) << "x";
    const CliRun none = runCli("anonymize " + quoted(dir.file("junk")) + " " + quoted(dir.file("out2")));
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("no readable DICOM file in"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace cadview::test
