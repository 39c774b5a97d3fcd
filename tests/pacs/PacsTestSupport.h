#pragma once

// A per-test Orthanc (skipped only when Orthanc is not installed), our node for it, and a temporary
// folder, for the PACS tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "../core/TempDir.h"  // TempDir, shared with the core tests
#include "OrthancServer.h"
#include "pacs/DicomNode.h"

namespace cadview::test {

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
    TempDir scratch_;
};

}  // namespace cadview::test
