#include "io/MemoryBudget.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/LoadError.h"

namespace cadview {

std::optional<std::uint64_t> MemoryBudget::available() {
    std::ifstream in("/proc/meminfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("MemAvailable:", 0) != 0) continue;
        std::istringstream fields(line.substr(13));
        std::uint64_t kib = 0;
        if (fields >> kib) return kib * 1024;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> MemoryBudget::usable(const LoadOptions& options) {
    if (options.memoryLimitBytes > 0) return options.memoryLimitBytes;
    const std::optional<std::uint64_t> free = available();
    if (!free) return std::nullopt;
    const std::uint64_t margin = std::max<std::uint64_t>(*free / 8, std::uint64_t(256) << 20);
    return *free > margin ? *free - margin : 0;
}

bool MemoryBudget::fits(std::uint64_t needed, const LoadOptions& options) {
    const std::optional<std::uint64_t> limit = usable(options);
    return !limit || needed <= *limit;
}

void MemoryBudget::require(std::uint64_t needed, const LoadOptions& options, const std::string& subject,
                           const std::string& suggestion) {
    if (fits(needed, options)) return;
    std::string detail = "not enough memory: loading needs " + format(needed) + " but only " +
                         format(*usable(options)) +
                         (options.memoryLimitBytes > 0 ? " is allowed" : " is free");
    if (!suggestion.empty()) detail += "; " + suggestion;
    throw LoadError(Diagnostic::Code::InsufficientMemory, subject, detail);
}

std::string MemoryBudget::format(std::uint64_t bytes) {
    char buf[32];
    const double mib = double(bytes) / double(1 << 20);
    if (mib >= 1024)
        std::snprintf(buf, sizeof buf, "%.1f GiB", mib / 1024);
    else
        std::snprintf(buf, sizeof buf, "%.0f MiB", std::max(mib, 1.0));
    return buf;
}

}  // namespace cadview
