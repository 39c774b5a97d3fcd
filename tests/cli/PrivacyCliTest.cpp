// Patient identifiers never reach what cadview-cli prints: every command that reads the real chest CT
// (copied under a neutral folder name, with a truncated slice and a stray file so the error paths run
// too) prints neither the Patient's Name nor the Patient ID, on stdout or on stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "CliRunner.h"
#include "TestFolder.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

const std::string kChestCt = std::string(CADVIEW_TEST_DATA) + "/ct_chest_lung_petct/A0001_lung_kernel";
const std::string kIdentifier = "Lung_Dx-A0001";  // the series' Patient's Name and Patient ID

TEST(CliPrivacy, NoCommandPrintsThePatientsNameOrId) {
    TempDir dir;
    const fs::path study = dir.file("study");
    fs::create_directories(study);
    int n = 0;
    for (const auto& e : fs::directory_iterator(kChestCt))
        fs::copy_file(e.path(), study / ("slice" + std::to_string(n++) + ".dcm"));
    ASSERT_GT(n, 10);
    {  // the identifiers are in the files, so a leak would show
        std::ifstream in(study / "slice0.dcm", std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_NE(bytes.find(kIdentifier), std::string::npos);
    }
    fs::resize_file(study / "slice1.dcm", 3000);  // cut inside its header: an error naming the file
    std::ofstream(study / "notes.bin") << "not an image";

    const std::string s = quoted(study.string());
    const std::string commands[] = {
        "info " + s,
        "info --json " + s,
        "convert " + s + " " + quoted(dir.file("volume.nii.gz")),
        "anonymize " + s + " " + quoted(dir.file("anon")),
        "info " + quoted(dir.file("anon")),
        "info " + quoted(study.string() + "/slice1.dcm"),
    };
    for (const std::string& c : commands) {
        const CliRun r = runCli(c);
        SCOPED_TRACE(c);
        EXPECT_EQ(r.out.find(kIdentifier), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find(kIdentifier), std::string::npos) << r.err;
        EXPECT_FALSE(r.out.empty() && r.err.empty());  // each said something
    }
}

}  // namespace
}  // namespace cadview::test
