// End-to-end runs of cadview-cli on the real data in ../shared/data: JSON from `info`, files from
// `convert` read back, and exit codes and messages for bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>

#include "CliRunner.h"
#include "io/ImageFileReader.h"
#include "io/VolumeLoader.h"

namespace fs = std::filesystem;
using cadview::JobContext;
using cadview::test::CliRun;
using cadview::test::quoted;
using cadview::test::runCli;

namespace {

const std::string kData = CADVIEW_TEST_DATA;

fs::path tempDir() {
    const fs::path d = fs::temp_directory_path() / ("cadview-cli-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST(CliInfo, ChestCtJsonHasGeometryAndHu) {
    const CliRun r = runCli("info --json " + quoted(kData + "/ct_chest_lung_petct/A0001_lung_kernel"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["series"].size(), 1u);
    const auto& s = j["series"][0];
    EXPECT_EQ(s["uid"], "1.3.6.1.4.1.14519.5.2.1.6655.2359.257508444832901632590301540805");
    EXPECT_EQ(s["modality"], "CT");
    EXPECT_EQ(s["size"], nlohmann::json::array({512, 512, 64}));
    EXPECT_DOUBLE_EQ(s["spacing"][0].get<double>(), 0.841796875);
    EXPECT_DOUBLE_EQ(s["spacing"][2].get<double>(), 5.0);
    // First slice along the normal (+z) is the most inferior one: instance 64 at z = -439.
    EXPECT_NEAR(s["origin"][0].get<double>(), -228.036842, 1e-6);
    EXPECT_NEAR(s["origin"][1].get<double>(), -93.0631599, 1e-6);
    EXPECT_NEAR(s["origin"][2].get<double>(), -439.0, 1e-6);
    EXPECT_EQ(s["direction"], nlohmann::json::array({1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0}));
    EXPECT_EQ(s["pixel_type"], "int16");  // 12-bit stored, intercept -1024: HU fit in int16
    EXPECT_TRUE(s["warnings"].empty());
}

TEST(CliInfo, GantryTiltIsReportedAndResampled) {
    const CliRun r = runCli("info --json " + quoted(kData + "/ct_head_gantry_tilt/series"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["series"].size(), 1u);
    std::set<std::string> codes;
    double tilt = 0;
    for (const auto& w : j["series"][0]["warnings"]) {
        codes.insert(w["code"].get<std::string>());
        if (w["code"] == "gantry-tilt") tilt = w["value"].get<double>();
    }
    EXPECT_TRUE(codes.count("gantry-tilt"));
    EXPECT_TRUE(codes.count("uneven-spacing"));
    EXPECT_TRUE(codes.count("resampled"));
    EXPECT_NEAR(tilt, 18.5, 0.05);

    const CliRun raw = runCli("info --json --no-resample " + quoted(kData + "/ct_head_gantry_tilt/series"));
    const auto jr = nlohmann::json::parse(raw.out);
    EXPECT_EQ(jr["series"][0]["size"][2], 28);
    for (const auto& w : jr["series"][0]["warnings"])
        EXPECT_NE(w["code"], "resampled");
}

TEST(CliInfo, BrokenFilesAreNamedAndTheRestIsListed) {
    const CliRun r = runCli("info --json " + quoted(kData + "/dicom_samples"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_GT(j["series"].size(), 20u);
    bool truncatedNamed = false;
    for (const auto& p : j["problems"])
        if (p["subject"].get<std::string>().find("rtplan_truncated.dcm") != std::string::npos ||
            p["subject"].get<std::string>().find("meta_missing_tsyntax.dcm") != std::string::npos)
            truncatedNamed = true;
    EXPECT_TRUE(truncatedNamed) << j["problems"].dump(1);
    EXPECT_NE(r.err.find("dicom_samples/"), std::string::npos) << "errors name the files on stderr";
}

TEST(CliInfo, MissingPathFailsWithMessage) {
    const CliRun r = runCli("info --json /no/such/folder");
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("/no/such/folder"), std::string::npos) << r.err;
}

TEST(CliInfo, NotAnImageFailsWithMessage) {
    const CliRun r =
        runCli("info " + quoted(kData + "/dicom_samples/pydicom_debian/ExplVR_LitEndNoMeta.dcm"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("ExplVR_LitEndNoMeta.dcm"), std::string::npos) << r.err;
}

TEST(CliConvert, DicomToNiftiKeepsGeometryAndVoxels) {
    const fs::path out = tempDir() / "chest.nii.gz";
    const std::string in = kData + "/ct_chest_lung_petct/A0001_lung_kernel";
    const CliRun r = runCli("convert " + quoted(in) + " " + quoted(out.string()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    JobContext job;
    const auto written = cadview::ImageFileReader::read(out.string(), job);
    const auto source = cadview::VolumeLoader::loadPath(in, {}, {}, job);
    const auto& a = written.geometry();
    const auto& b = source.geometry();
    EXPECT_EQ(a.size, b.size);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(a.spacing[i], b.spacing[i], 1e-5);
        EXPECT_NEAR(a.origin[i], b.origin[i], 1e-4);
    }
    for (int i = 0; i < 9; ++i)
        EXPECT_NEAR(a.direction[i], b.direction[i], 1e-6);
    ASSERT_EQ(written.pixelType(), source.pixelType());
    EXPECT_EQ(0, std::memcmp(written.data(), source.data(), source.bytes()));
    fs::remove_all(out.parent_path());
}

TEST(CliConvert, SeveralSeriesNeedAChoice) {
    const fs::path out = tempDir() / "x.nrrd";
    const CliRun r = runCli("convert " + quoted(kData + "/mr_brain_tumor_nrrd") + " " + quoted(out.string()));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("--series"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    const CliRun ok = runCli("convert --series " + quoted(kData + "/mr_brain_tumor_nrrd/brain1_image.nrrd") +
                             " " + quoted(kData + "/mr_brain_tumor_nrrd") + " " + quoted(out.string()));
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_TRUE(fs::exists(out));
    fs::remove_all(out.parent_path());
}

TEST(CliConvert, UnknownOutputFormatIsRefused) {
    const CliRun r =
        runCli("convert " + quoted(kData + "/mr_brain_tumor_nrrd/brain1_image.nrrd") + " /tmp/out.xyz");
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("out.xyz"), std::string::npos);
}
