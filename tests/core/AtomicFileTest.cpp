// AtomicFile: a replaced file holds the old content or the new, never part of either, and a failed write
// leaves neither a temporary file nor a changed target behind.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>

#include "io/AtomicFile.h"
#include "io/InputFiles.h"

namespace cadview {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cadview_atomic_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    static std::string read(const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::size_t entries() const {
        return std::size_t(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
    }

    static std::string errorOf(const std::function<void()>& f) {
        try {
            f();
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "no error";
    }

    fs::path dir_;
};

TEST_F(AtomicFileTest, TemporaryPathIsHiddenBesideTheTargetUniqueAndKeepsTheExtension) {
    const std::string target = path("labels.nii.gz");
    const std::string a = AtomicFile::temporaryPath(target, ".nii.gz");
    const std::string b = AtomicFile::temporaryPath(target, ".nii.gz");
    EXPECT_NE(a, b);
    EXPECT_EQ(fs::path(a).parent_path(), dir_);
    EXPECT_EQ(fs::path(a).filename().string().rfind(".labels.nii.gz.tmp-" + std::to_string(::getpid()), 0),
              0u)
        << a;
    EXPECT_EQ(a.substr(a.size() - 7), ".nii.gz");
    EXPECT_EQ(AtomicFile::temporaryPath(target).find(".nii.gz", target.size()), std::string::npos);
}

TEST_F(AtomicFileTest, WriteReplacesTheContentAndLeavesNothingElse) {
    const std::string target = path("tags.json");
    AtomicFile::write(target, "first, and longer than the second");
    EXPECT_EQ(read(target), "first, and longer than the second");
    AtomicFile::write(target, "second");
    EXPECT_EQ(read(target), "second");
    AtomicFile::write(target, std::string());
    EXPECT_EQ(read(target), "");
    EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, ATemporaryFileLeftByACrashedProcessDoesNotStopTheNextWrite) {
    // The next temporary name is this one with the counter one higher: leave a stale file there, as a
    // crashed process with the same id would have.
    const std::string target = path("recovery.json");
    const std::string last = AtomicFile::temporaryPath(target);
    const std::size_t dash = last.rfind('-');
    const std::string next = last.substr(0, dash + 1) + std::to_string(std::stoul(last.substr(dash + 1)) + 1);
    std::ofstream(next) << "stale content from before the crash, longer than the new";
    AtomicFile::write(target, "new");
    EXPECT_EQ(read(target), "new");
    EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, WriteCreatesTheFileWithTheGivenPermissions) {
    const std::string target = path("recovery.json");
    AtomicFile::write(target, "{}", 0600);
    struct stat st {};
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AtomicFileTest, WriteIntoAMissingFolderSaysWhichFileAndWhy) {
    const std::string target = path("missing/tags.json");
    EXPECT_EQ(errorOf([&] { AtomicFile::write(target, "x"); }),
              target + ": refused: the folder " + path("missing") + " does not exist");
    EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicFileTest, AFolderTargetIsRefusedAndAFailedReplaceKeepsTheTarget) {
    const std::string target = path("busy");
    fs::create_directories(fs::path(target) / "inside");
    EXPECT_EQ(errorOf([&] { AtomicFile::write(target, "new"); }), target + ": refused: it is a folder");
    EXPECT_TRUE(fs::is_directory(fs::path(target) / "inside"));
    EXPECT_EQ(entries(), 1u);

    // A temporary file that is gone by the time of the commit (the flush fails): the target is kept.
    const std::string file = path("kept.json");
    std::ofstream(file) << "old";
    const std::string temporary = AtomicFile::temporaryPath(file);
    EXPECT_EQ(
        errorOf([&] { AtomicFile::commit(temporary, file); }).rfind(file + ": cannot replace the file (", 0),
        0u);
    EXPECT_EQ(read(file), "old");
    EXPECT_EQ(entries(), 2u);
}

TEST_F(AtomicFileTest, LinksSpecialFilesAndInputsAreNeverWritten) {
    const std::string victim = path("victim.txt");
    std::ofstream(victim) << "keep";
    fs::create_symlink(victim, path("link.txt"));
    EXPECT_EQ(
        errorOf([&] { AtomicFile::write(path("link.txt"), "new"); }),
        path("link.txt") + ": refused: it is a symbolic link, and outputs are never written through links");
    ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
    EXPECT_EQ(errorOf([&] { AtomicFile::write(path("fifo"), "new"); }),
              path("fifo") + ": refused: it exists and is not a regular file");
    // A file read as input, under another name (a hard link) too.
    InputFiles::remember(victim);
    fs::create_hard_link(victim, path("hard.txt"));
    for (const std::string& name :
         {victim, path("hard.txt"), path("../" + dir_.filename().string() + "/victim.txt")})
        EXPECT_EQ(errorOf([&] { AtomicFile::write(name, "new"); }),
                  name + ": refused: it is one of the input files, which are never written");
    EXPECT_EQ(read(victim), "keep");
    EXPECT_EQ(entries(), 4u);
}

TEST_F(AtomicFileTest, CommitMovesTheTemporaryFileOverTheTarget) {
    const std::string target = path("seg.dcm");
    std::ofstream(target) << "old";
    const std::string temporary = AtomicFile::temporaryPath(target);
    std::ofstream(temporary) << "new";
    AtomicFile::commit(temporary, target);
    EXPECT_EQ(read(target), "new");
    EXPECT_EQ(entries(), 1u);
    AtomicFile::discard(temporary);  // already gone: quietly nothing
    EXPECT_EQ(entries(), 1u);
}

}  // namespace
}  // namespace cadview
