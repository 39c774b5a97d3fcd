// Outputs that must never be written, or never half-written, by cadview-cli: an output that is the input
// (under its own name, through "..", a symbolic link or a hard link), an output path that is a symbolic link
// (its target is never touched), a folder that does not exist, and a disk that fills up mid-write (simulated
// with the file-size limit: writes past it fail with EFBIG as they would with ENOSPC). Each exits non-zero
// with the file and the reason, leaves the input and any existing target byte for byte as they were, and
// leaves no partial or temporary file behind.
#pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, as in the other CLI tests

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

const std::string kFlair =
    std::string(CADVIEW_TEST_DATA) + "/mr_brain_lgg_flair/TCGA_CS_4941_19960909/flair.nii.gz";

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries(const fs::path& dir) {
    return std::size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

void expectRefused(const CliRun& r, const std::string& words) {
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
}

TEST(CliOutputs, TheInputIsNeverOverwrittenUnderAnyName) {
    TempDir dir;
    const std::string input = dir.file("flair.nii.gz");
    fs::copy_file(kFlair, input);
    fs::create_directories(dir.path() / "sub");
    fs::create_symlink(input, dir.path() / "link.nii.gz");
    fs::create_hard_link(input, dir.path() / "hard.nii.gz");
    const std::string before = bytesOf(input);
    for (const std::string& out : {input, dir.file("sub/../flair.nii.gz"), dir.file("hard.nii.gz")}) {
        SCOPED_TRACE(out);
        expectRefused(runCli("convert " + quoted(input) + " " + quoted(out)), "it is one of the input files");
    }
    expectRefused(runCli("convert " + quoted(input) + " " + quoted(dir.file("link.nii.gz"))),
                  "symbolic link");
    EXPECT_EQ(bytesOf(input), before);
    EXPECT_EQ(entries(dir.path()), 4u);  // flair, sub, link, hard: nothing else appeared
}

TEST(CliOutputs, ASymbolicLinkIsNeverWrittenThrough) {
    TempDir dir;
    const std::string victim = dir.file("victim.txt");
    std::ofstream(victim) << "keep me\n";
    fs::create_symlink(victim, dir.path() / "out.nii.gz");
    expectRefused(runCli("convert " + quoted(kFlair) + " " + quoted(dir.file("out.nii.gz"))),
                  "out.nii.gz: refused: it is a symbolic link");
    EXPECT_EQ(bytesOf(victim), "keep me\n");
    EXPECT_TRUE(fs::is_symlink(dir.path() / "out.nii.gz"));
}

TEST(CliOutputs, AMissingFolderFailsWithTheReason) {
    TempDir dir;
    for (const char* name : {"nowhere/out.nii.gz", "nowhere/out.nii", "nowhere/out.nrrd"}) {
        SCOPED_TRACE(name);
        expectRefused(runCli("convert " + quoted(kFlair) + " " + quoted(dir.file(name))), "does not exist");
    }
    EXPECT_EQ(entries(dir.path()), 0u);
}

TEST(CliOutputs, AFullDiskLeavesNoPartialFileAndFails) {
    TempDir dir;
    const std::string old = dir.file("old.nii");
    std::ofstream(old) << "the previous result\n";
    // 64 KiB of file size allowed, SIGXFSZ ignored (inherited across exec): writes past it fail with EFBIG.
    for (const std::string& out :
         {dir.file("full.nii"), dir.file("full.nii.gz"), dir.file("full.nrrd"), old}) {
        SCOPED_TRACE(out);
        const CliRun r = runCommand("trap '' XFSZ; ulimit -f 64; " + std::string(CADVIEW_CLI) + " convert " +
                                    quoted(kFlair) + " " + quoted(out));
        EXPECT_EQ(r.exitCode, 1) << r.err;
        EXPECT_NE(r.err.find("cannot"), std::string::npos) << r.err;
    }
    EXPECT_EQ(bytesOf(old), "the previous result\n");
    EXPECT_EQ(entries(dir.path()), 1u) << "a partial or temporary file was left behind";
}

TEST(CliOutputs, AnUnknownTimeoutValueIsRefused) {
    const CliRun r = runCli("info --timeout -1 " + quoted(kFlair));
    EXPECT_NE(r.exitCode, 0);
}

}  // namespace
}  // namespace cadview::test
