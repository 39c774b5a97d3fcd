#include "io/MetaImageHeaderCheck.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <string_view>

namespace cadview {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// The start of `s` for a message, quoted.
std::string quoted(std::string_view s) {
    constexpr std::size_t kShown = 40;
    std::string q(1, '"');
    q.append(s.substr(0, kShown));
    q.append(s.size() > kShown ? "...\"" : "\"");
    return q;
}

bool isNDims(std::string_view value) {
    int n = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    return error == std::errc() && end == value.data() + value.size() && n >= 1 &&
           n <= MetaImageHeaderCheck::kMaxDims;
}

// Why `line` (without its line break) cannot be a header line. `dataFile` tells whether it is the
// ElementDataFile line, which ends the header.
std::optional<std::string> lineProblem(std::string_view line, bool& dataFile) {
    for (const char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u > 0x7e) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", unsigned(u));
            return std::string("a byte that is not printable ASCII (") + hex + ")";
        }
    }
    if (trimmed(line).empty()) return std::nullopt;
    const std::size_t separator = line.find('=');
    if (separator == std::string_view::npos) return "no '=' in " + quoted(trimmed(line));
    const std::string_view key = trimmed(line.substr(0, separator));
    const std::string_view value = trimmed(line.substr(separator + 1));
    if (key.empty()) return std::string("a value without a key");
    if (key.size() > MetaImageHeaderCheck::kMaxKeyLength)
        return "a key of " + std::to_string(key.size()) + " characters " + quoted(key) + " (at most " +
               std::to_string(MetaImageHeaderCheck::kMaxKeyLength) + ")";
    for (const char c : key)
        if (isBlank(c) || c == ':') return "the key " + quoted(key) + " holds a blank or ':'";
    if (value.empty()) return "the key " + quoted(key) + " has no value";
    if (value.size() > MetaImageHeaderCheck::kMaxValueLength)
        return "the value of " + quoted(key) + " has " + std::to_string(value.size()) +
               " characters (at most " + std::to_string(MetaImageHeaderCheck::kMaxValueLength) + ")";
    if (key == "NDims" && !isNDims(value))
        return "NDims = " + quoted(value) + " is not a whole number from 1 to " +
               std::to_string(MetaImageHeaderCheck::kMaxDims);
    dataFile = key == "ElementDataFile";
    // MetaIO reads "LIST..." as a list of slice files on the lines that follow (an empty one makes it read
    // before its string) and a name with '%' as a printf format for numbered slice files (the format and
    // the numbers after it are trusted: "%s" crashes, a step of 0 divides by zero).
    if (dataFile && (value.substr(0, 4) == "LIST" || value.find('%') != std::string_view::npos))
        return "ElementDataFile = " + quoted(value) + " names several slice files, which is not supported";
    return std::nullopt;
}

std::string damaged(const std::string& what) {
    return "damaged MetaImage header: " + what;
}

}  // namespace

std::optional<std::string> MetaImageHeaderCheck::problem(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::string("cannot open the file");
    std::string text(kMaxHeaderBytes + 1, '\0');  // one byte more tells whether the file goes on
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    const bool cut = text.size() > kMaxHeaderBytes;
    if (cut) text.resize(kMaxHeaderBytes);

    std::size_t start = 0;
    for (std::size_t number = 1; start < text.size(); ++number) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            if (cut) break;  // a line that goes on past the limit
            end = text.size();
        }
        std::string_view line(text.data() + start, end - start);
        if (end < text.size() && !line.empty() && line.back() == '\r') line.remove_suffix(1);
        bool dataFile = false;
        if (const auto p = lineProblem(line, dataFile))
            return damaged(*p + " on line " + std::to_string(number));
        if (dataFile) return std::nullopt;
        start = end + 1;
    }
    if (cut)
        return damaged("no ElementDataFile line in the first " + std::to_string(kMaxHeaderBytes / 1024) +
                       " KiB");
    return damaged("no ElementDataFile line");
}

}  // namespace cadview
