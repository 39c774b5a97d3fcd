#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "io/LoadOptions.h"

namespace cadview {

// How much memory a load may use, and the refusal when it would need more: a series larger than the
// machine's free memory is refused up front with a clear message instead of being killed mid-load.
class MemoryBudget {
  public:
    // MemAvailable from /proc/meminfo in bytes; nothing when it cannot be read.
    static std::optional<std::uint64_t> available();
    // What a load may use: options.memoryLimitBytes when set, otherwise MemAvailable less a margin
    // (an eighth, at least 256 MiB); nothing when unknown (no limit is applied).
    static std::optional<std::uint64_t> usable(const LoadOptions& options);
    static bool fits(std::uint64_t needed, const LoadOptions& options);
    // Throws LoadError naming `subject` when `needed` bytes do not fit. `suggestion` (e.g. which
    // downsampled load would fit) ends the message.
    static void require(std::uint64_t needed, const LoadOptions& options, const std::string& subject,
                        const std::string& suggestion);
    // "1.5 GiB", "300 MiB".
    static std::string format(std::uint64_t bytes);
};

}  // namespace cadview
