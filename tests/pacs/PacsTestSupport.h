#pragma once

// A per-test Orthanc (skipped only when Orthanc is not installed), our node for it, and a temporary
// folder, for the PACS tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "OrthancServer.h"
#include "pacs/DicomNode.h"

namespace cadview::test {

class ScratchFolder {
  public:
    ScratchFolder() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("cadview_pacs_" + std::string(info ? info->name() : "x") + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

class OrthancTest : public ::testing::Test {
  protected:
    void SetUp() override { start({}); }

    void start(const OrthancServer::Options& options) {
        if (!OrthancServer::installed())
            GTEST_SKIP() << OrthancServer::kBinary << " is not installed (apt-get install orthanc)";
        server_.reset();
        server_ = std::make_unique<OrthancServer>(options);
    }

    DicomNode node() const {
        DicomNode n;
        n.aeTitle = OrthancServer::kAeTitle;
        n.host = "127.0.0.1";
        n.port = server_->dicomPort();
        n.callingAeTitle = OrthancServer::kOurAeTitle;
        return n;
    }

    std::unique_ptr<OrthancServer> server_;
    ScratchFolder scratch_;
};

}  // namespace cadview::test
