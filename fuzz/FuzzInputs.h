#pragma once

// One input of each fuzz target, shared by the libFuzzer targets (fuzz_<name>.cpp) and the regression
// test that replays the inputs they found (tests/core/FuzzRegressionTest.cpp). Each runner writes the
// bytes where the loader expects a file (a private temporary folder), runs the loader and returns
// normally when it gives a result or a clear error (std::runtime_error: LoadError, ManifestError...).
// Anything else - a crash, an abort, a sanitizer report, another exception escaping - is a finding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cadview::fuzz {

using Runner = void (*)(const std::uint8_t* data, std::size_t size);

struct Target {
    const char* name;  // fuzz_<name>, tests/fuzz-regressions/<name>/
    Runner run;
};

const std::vector<Target>& targets();
// The target called `name`, or nullptr.
const Target* findTarget(const std::string& name);

// Files in one dicom_series input are separated by this marker (at most three files).
inline constexpr const char* kFileSeparator = "--cadview-fuzz-next-file--";

// Memory a fuzzed load may use: inputs claiming huge images are refused by the memory guard.
inline constexpr std::uint64_t kMemoryLimitBytes = std::uint64_t(256) << 20;

}  // namespace cadview::fuzz
