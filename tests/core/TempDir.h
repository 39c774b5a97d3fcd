#pragma once

// A fresh folder per test under the system temp directory (named after the test), removed with
// everything in it. Used by the core and PACS tests and, through tests/cli/TestFolder.h, the CLI tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace cadview::test {

class TempDir {
  public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("cadview_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace cadview::test
