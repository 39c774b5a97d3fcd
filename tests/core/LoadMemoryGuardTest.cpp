// The memory guard and downsampled loads: a series that does not fit in memory is refused before any
// buffer is allocated, with a message that says how much it needs, how much is free and which
// downsampled load fits; LoadOptions::downsample reads every k-th slice, row and column with the
// geometry to match. The memory limit is injected (LoadOptions::memoryLimitBytes).

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "TestData.h"
#include "io/DicomSeriesReader.h"
#include "io/LoadError.h"
#include "io/MemoryBudget.h"
#include "io/VolumeLoader.h"

namespace cadview::test {
namespace {

namespace fs = std::filesystem;

// Explicit VR little endian elements, written by hand: the test needs a header, not pixels.
class DicomBytes {
  public:
    void text(std::uint16_t group, std::uint16_t element, const char vr[2], std::string value) {
        if (value.size() % 2) value += vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ';
        head(group, element, vr);
        u16(std::uint16_t(value.size()));
        bytes_ += value;
    }
    void us(std::uint16_t group, std::uint16_t element, std::uint16_t value) {
        head(group, element, "US");
        u16(2);
        u16(value);
    }
    void ul(std::uint16_t group, std::uint16_t element, std::uint32_t value) {
        head(group, element, "UL");
        u16(4);
        u32(value);
    }
    // OW element of `length` zero bytes (less than the header claims: the file stays small).
    void pixelData(std::uint32_t length) {
        head(0x7fe0, 0x0010, "OW");
        u16(0);
        u32(length);
        bytes_.append(length, '\0');
    }
    const std::string& bytes() const { return bytes_; }

  private:
    void head(std::uint16_t group, std::uint16_t element, const char vr[2]) {
        u16(group);
        u16(element);
        bytes_.append(vr, 2);
    }
    void u16(std::uint16_t v) { bytes_ += {char(v & 0xff), char(v >> 8)}; }
    void u32(std::uint32_t v) {
        u16(std::uint16_t(v & 0xffff));
        u16(std::uint16_t(v >> 16));
    }
    std::string bytes_;
};

// A CT multi-frame file whose header claims 2048 x 2048 x 4000 16-bit voxels (32 GiB); 64 bytes of pixels.
std::string writeHugeMultiFrame(const fs::path& folder) {
    DicomBytes meta, data;
    meta.text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.2");
    meta.text(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.10.1.7.1");
    meta.text(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
    DicomBytes group;
    group.ul(0x0002, 0x0000, std::uint32_t(meta.bytes().size()));
    data.text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2");
    data.text(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1.7.1");
    data.text(0x0008, 0x0060, "CS", "CT");
    data.text(0x0020, 0x000d, "UI", "1.2.826.0.1.3680043.10.1.7.2");
    data.text(0x0020, 0x000e, "UI", "1.2.826.0.1.3680043.10.1.7.3");
    data.text(0x0020, 0x0032, "DS", "0\\0\\0");
    data.text(0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0");
    data.us(0x0028, 0x0002, 1);
    data.text(0x0028, 0x0004, "CS", "MONOCHROME2");
    data.text(0x0028, 0x0008, "IS", "4000");
    data.us(0x0028, 0x0010, 2048);
    data.us(0x0028, 0x0011, 2048);
    data.text(0x0028, 0x0030, "DS", "0.5\\0.5");
    data.us(0x0028, 0x0100, 16);
    data.us(0x0028, 0x0101, 16);
    data.us(0x0028, 0x0102, 15);
    data.us(0x0028, 0x0103, 0);
    data.pixelData(64);
    const std::string path = (folder / "huge.dcm").string();
    std::ofstream out(path, std::ios::binary);
    out << std::string(128, '\0') << "DICM" << group.bytes() << meta.bytes() << data.bytes();
    return path;
}

long maxRssKib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

class LoadMemoryGuard : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ =
            fs::temp_directory_path() / ("cadview-memory-guard-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }
    fs::path folder_;
};

TEST_F(LoadMemoryGuard, AHugeSeriesIsRefusedFastWithoutAllocating) {
    const std::string path = writeHugeMultiFrame(folder_);
    EXPECT_LT(fs::file_size(path), 2048u);
    const StudyIndex index = indexPath(path);
    ASSERT_EQ(index.series.size(), 1u);
    const VolumeDescription d = VolumeLoader::describe(index.series.front());
    EXPECT_EQ(d.geometry.size, (std::array<std::size_t, 3>{2048, 2048, 4000}));

    LoadOptions options;
    options.memoryLimitBytes = std::uint64_t(1) << 30;
    const long rssBefore = maxRssKib();
    const auto start = std::chrono::steady_clock::now();
    JobContext job;
    try {
        VolumeLoader::load(index.series.front(), options, job);
        FAIL() << "a 32 GiB load was not refused";
    } catch (const LoadError& e) {
        const std::string message = e.what();
        EXPECT_EQ(e.diagnostic().code, Diagnostic::Code::InsufficientMemory);
        EXPECT_NE(message.find("not enough memory"), std::string::npos) << message;
        EXPECT_NE(message.find("needs 62.5 GiB"), std::string::npos) << message;  // volume + GDCM's buffer
        EXPECT_NE(message.find("only 1.0 GiB is allowed"), std::string::npos) << message;
        EXPECT_NE(message.find("multi-frame file is decoded whole"), std::string::npos) << message;
        EXPECT_NE(message.find(index.series.front().uid), std::string::npos) << message;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_LT(maxRssKib() - rssBefore, 256 * 1024);  // the 32 GiB buffer was never touched
}

TEST(MemoryBudget, MachineLimitComesFromProcMeminfo) {
    const auto free = MemoryBudget::available();
    ASSERT_TRUE(free.has_value());
    EXPECT_GT(*free, 0u);
    const auto usable = MemoryBudget::usable(LoadOptions{});
    ASSERT_TRUE(usable.has_value());
    EXPECT_LT(*usable, *free);  // a margin is kept
    LoadOptions limited;
    limited.memoryLimitBytes = 12345;
    EXPECT_EQ(MemoryBudget::usable(limited), 12345u);
    EXPECT_TRUE(MemoryBudget::fits(12345, limited));
    EXPECT_FALSE(MemoryBudget::fits(12346, limited));
    EXPECT_EQ(MemoryBudget::format(std::uint64_t(3) << 29), "1.5 GiB");
    EXPECT_EQ(MemoryBudget::format(std::uint64_t(300) << 20), "300 MiB");
}

const std::string kChest = "ct_chest_lung_petct/A0001_lung_kernel";

TEST(DownsampledLoad, EverySecondVoxelOfTheFullLoadWithSpacingDoubled) {
    const Volume full = readOnlySeries(dataPath(kChest));
    LoadOptions options;
    options.downsample = 2;
    const Volume half = readOnlySeries(dataPath(kChest), options);
    ASSERT_EQ(full.geometry().size, (std::array<std::size_t, 3>{512, 512, 64}));
    ASSERT_EQ(half.geometry().size, (std::array<std::size_t, 3>{256, 256, 32}));
    ASSERT_EQ(half.pixelType(), full.pixelType());
    for (int a = 0; a < 3; ++a) {
        EXPECT_NEAR(half.geometry().spacing[a], 2 * full.geometry().spacing[a], 1e-9) << a;
        EXPECT_NEAR(half.geometry().origin[a], full.geometry().origin[a], 1e-9) << a;
    }
    EXPECT_EQ(half.geometry().direction, full.geometry().direction);
    std::size_t differing = 0;
    for (std::size_t z = 0; z < 32; ++z)
        for (std::size_t y = 0; y < 256; ++y)
            for (std::size_t x = 0; x < 256; ++x)
                differing += half.valueAt(x, y, z) != full.valueAt(2 * x, 2 * y, 2 * z);
    EXPECT_EQ(differing, 0u);
    // Same place in patient space: voxel (i, j, l) of the half load is voxel (2i, 2j, 2l) of the full one.
    const Vec3 a = half.geometry().indexToPhysical({100, 50, 7});
    const Vec3 b = full.geometry().indexToPhysical({200, 100, 14});
    for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(a[c], b[c], 1e-6);
    EXPECT_TRUE(hasDiagnostic(half.diagnostics(), Diagnostic::Code::Resampled));
}

TEST(DownsampledLoad, ARefusalSuggestsTheDownsampledLoadThatFits) {
    const StudyIndex index = indexPath(dataPath(kChest));
    ASSERT_EQ(index.series.size(), 1u);
    LoadOptions options;
    options.threads = 2;
    options.memoryLimitBytes = std::uint64_t(16) << 20;  // the full load needs 32 MiB and more
    JobContext job;
    try {
        VolumeLoader::load(index.series.front(), options, job);
        FAIL() << "a 32 MiB load was not refused under a 16 MiB limit";
    } catch (const LoadError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("only 16 MiB is allowed"), std::string::npos) << message;
        EXPECT_NE(message.find("downsampled load (every 2nd slice, row and column)"), std::string::npos)
            << message;
    }
    options.fitInMemory = true;
    EXPECT_EQ(VolumeLoader::describe(index.series.front(), options).geometry.size,
              (std::array<std::size_t, 3>{256, 256, 32}));
    const Volume fitted = VolumeLoader::load(index.series.front(), options, job);
    EXPECT_EQ(fitted.geometry().size, (std::array<std::size_t, 3>{256, 256, 32}));
    EXPECT_NEAR(fitted.geometry().spacing[2], 10.0, 1e-6);
}

}  // namespace
}  // namespace cadview::test
