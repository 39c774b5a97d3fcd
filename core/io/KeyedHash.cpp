#include "io/KeyedHash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace cadview {

KeyedHash::Digest KeyedHash::hmacSha256(const std::string& key, const std::string& message) {
    Digest digest{};
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), int(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
              &length) ||
        length != digest.size())
        throw std::runtime_error("HMAC-SHA-256 failed");
    return digest;
}

std::string KeyedHash::hex(const Digest& digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

}  // namespace cadview
