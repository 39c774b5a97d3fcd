#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace cadview {

// HMAC-SHA-256 (RFC 2104, OpenSSL), for deterministic keyed identifiers: the de-identifier's UID and
// patient ID remapping. The same key and input always give the same digest; without the key, the input
// cannot be recovered or confirmed.
class KeyedHash {
  public:
    using Digest = std::array<std::uint8_t, 32>;

    static Digest hmacSha256(const std::string& key, const std::string& message);
    // Lower-case hexadecimal of a digest.
    static std::string hex(const Digest& digest);
};

}  // namespace cadview
