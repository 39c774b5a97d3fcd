#include "io/MetaImageHeaderCheck.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include "io/DataFileExtent.h"

namespace cadview {

namespace {

using Fields = std::map<std::string, std::string>;

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
std::optional<std::string> lineProblem(std::string_view line, bool& dataFile, Fields& fields) {
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
    fields[std::string(key)] = std::string(value);
    // MetaIO reads "LIST..." as a list of slice files on the lines that follow (an empty one makes it read
    // before its string) and a name with '%' as a printf format for numbered slice files (the format and
    // the numbers after it are trusted: "%s" crashes, a step of 0 divides by zero).
    if (dataFile && (value.substr(0, 4) == "LIST" || value.find('%') != std::string_view::npos))
        return "ElementDataFile = " + quoted(value) + " names several slice files, which is not supported";
    return std::nullopt;
}

std::uint64_t bytesOfType(const std::string& type) {
    static const std::map<std::string, std::uint64_t> kBytes{
        {"MET_UCHAR", 1}, {"MET_CHAR", 1},  {"MET_USHORT", 2}, {"MET_SHORT", 2},     {"MET_UINT", 4},
        {"MET_INT", 4},   {"MET_FLOAT", 4}, {"MET_DOUBLE", 8}, {"MET_LONG_LONG", 8}, {"MET_ULONG_LONG", 8}};
    const auto it = kBytes.find(type);
    return it == kBytes.end() ? 0 : it->second;
}

// The pixel bytes the header claims; 0 when it does not say in a way we can count (ITK then decides).
std::uint64_t claimedBytes(const Fields& f) {
    const auto field = [&](const char* k) { return f.count(k) ? f.at(k) : std::string(); };
    std::uint64_t bytes = bytesOfType(field("ElementType"));
    std::istringstream channels(field("ElementNumberOfChannels"));
    std::uint64_t c = 1;
    if (channels >> c) bytes *= c;
    std::istringstream sizes(field("DimSize"));
    long double total = (long double)bytes;
    long long n = 0;
    while (sizes >> n) {
        if (n < 1) return 0;  // ITK refuses such sizes itself
        total *= (long double)n;
    }
    return total > 1e15L ? std::uint64_t(1e15) : std::uint64_t(total);
}

// Where the pixels are and whether they are all there (DataFileExtent), for the header ending at `headerEnd`.
std::optional<std::string> dataProblem(const std::string& path, const Fields& f, std::uint64_t headerEnd) {
    const std::string name = f.at("ElementDataFile");
    long long skip = 0;
    if (f.count("HeaderSize")) std::istringstream(f.at("HeaderSize")) >> skip;
    const bool compressed =
        f.count("CompressedData") && (f.at("CompressedData") == "True" || f.at("CompressedData") == "true");
    const std::uint64_t bytes = claimedBytes(f);
    std::string file = path;
    std::uint64_t offset = headerEnd;
    if (name != "LOCAL" && name != "Local" && name != "local") {
        if (auto p = DataFileExtent::detachedProblem(path, name)) return p;
        file = (std::filesystem::absolute(path).parent_path() / name).string();
        offset = 0;
    }
    if (bytes == 0 || skip < 0) return std::nullopt;  // HeaderSize -1: the data ends the file (ITK's reading)
    return DataFileExtent::shortfall(file, offset + std::uint64_t(skip), 0, bytes, compressed);
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

    Fields fields;
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
        if (const auto p = lineProblem(line, dataFile, fields))
            return damaged(*p + " on line " + std::to_string(number));
        if (dataFile) return dataProblem(path, fields, std::min<std::uint64_t>(end + 1, text.size()));
        start = end + 1;
    }
    if (cut)
        return damaged("no ElementDataFile line in the first " + std::to_string(kMaxHeaderBytes / 1024) +
                       " KiB");
    return damaged("no ElementDataFile line");
}

}  // namespace cadview
