#include "io/NrrdHeaderCheck.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/DataFileExtent.h"

namespace cadview {

namespace {

using Fields = std::map<std::string, std::string>;

std::uint64_t bytesOfType(const std::string& type) {
    static const std::map<std::string, std::uint64_t> kBytes{{"signed char", 1},
                                                             {"int8", 1},
                                                             {"int8_t", 1},
                                                             {"uchar", 1},
                                                             {"unsigned char", 1},
                                                             {"uint8", 1},
                                                             {"uint8_t", 1},
                                                             {"short", 2},
                                                             {"short int", 2},
                                                             {"signed short", 2},
                                                             {"signed short int", 2},
                                                             {"int16", 2},
                                                             {"int16_t", 2},
                                                             {"ushort", 2},
                                                             {"unsigned short", 2},
                                                             {"unsigned short int", 2},
                                                             {"uint16", 2},
                                                             {"uint16_t", 2},
                                                             {"int", 4},
                                                             {"signed int", 4},
                                                             {"int32", 4},
                                                             {"int32_t", 4},
                                                             {"uint", 4},
                                                             {"unsigned int", 4},
                                                             {"uint32", 4},
                                                             {"uint32_t", 4},
                                                             {"longlong", 8},
                                                             {"long long", 8},
                                                             {"long long int", 8},
                                                             {"signed long long", 8},
                                                             {"signed long long int", 8},
                                                             {"int64", 8},
                                                             {"int64_t", 8},
                                                             {"ulonglong", 8},
                                                             {"unsigned long long", 8},
                                                             {"unsigned long long int", 8},
                                                             {"uint64", 8},
                                                             {"uint64_t", 8},
                                                             {"float", 4},
                                                             {"double", 8}};
    const auto it = kBytes.find(type);
    return it == kBytes.end() ? 0 : it->second;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    const auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The header's fields and where the data starts in the file (its length); nothing when it never ends.
std::optional<std::uint64_t> readFields(std::istream& in, Fields& fields) {
    std::string line;
    std::uint64_t consumed = 0;
    while (std::getline(in, line)) {
        consumed += line.size() + 1;
        if (consumed > NrrdHeaderCheck::kMaxHeaderBytes) return std::nullopt;
        if (trimmed(line).empty()) return consumed;
        if (line[0] == '#' || line.find(":=") != std::string::npos) continue;
        const auto colon = line.find(": ");
        if (colon != std::string::npos)
            fields[trimmed(line.substr(0, colon))] = trimmed(line.substr(colon + 2));
    }
    return in.eof() ? std::optional<std::uint64_t>(consumed) : std::nullopt;  // a .nhdr may just end
}

std::uint64_t claimedBytes(const Fields& f) {
    const auto type = f.find("type");
    if (type == f.end()) return 0;
    long double total = (long double)bytesOfType(type->second);
    const auto sizes = f.find("sizes");
    if (sizes == f.end()) return 0;
    std::istringstream in(sizes->second);
    long long n = 0;
    while (in >> n) {
        if (n < 1) return 0;  // ITK refuses such sizes itself
        total *= (long double)n;
    }
    return total > 1e15L ? std::uint64_t(1e15) : std::uint64_t(total);
}

// The numbers of a geometry field ("(1,0,0) (0,1,0) none", "0.5 0.5 nan"), in order; "none" is skipped.
std::vector<double> numbersOf(const std::string& value) {
    std::string text = value;
    for (char& c : text)
        if (c == '(' || c == ')' || c == ',') c = ' ';
    std::istringstream in(text);
    std::vector<double> out;
    for (std::string token; in >> token;)
        if (token != "none") out.push_back(std::strtod(token.c_str(), nullptr));
    return out;
}

std::optional<std::string> geometryProblem(const Fields& f, std::vector<std::string>& warnings) {
    const auto check = [&](const char* key, double limit, bool nanIsUnknown) -> std::optional<std::string> {
        const auto it = f.find(key);
        if (it == f.end()) return std::nullopt;
        for (const double v : numbersOf(it->second)) {
            if (std::isnan(v) && nanIsUnknown) {
                warnings.push_back(std::string("a spacing is \"nan\" (unknown) in the header: 1 mm assumed"));
                continue;
            }
            if (!std::isfinite(v) || std::abs(v) > limit)
                return std::string("impossible geometry: ") + key + " \"" + it->second + "\"";
        }
        return std::nullopt;
    };
    if (auto p = check("space directions", 1e5, false)) return p;
    if (auto p = check("spacings", 1e5, true)) return p;
    return check("space origin", 1e7, false);
}

std::optional<std::string> problemOf(const std::string& path, std::vector<std::string>& warnings) {
    std::ifstream in(path, std::ios::binary);
    std::string magic(7, '\0');
    if (!in.read(magic.data(), 7) || magic != "NRRD000")
        return std::string("not a NRRD file (no NRRD000 magic)");
    in.seekg(0);
    Fields f;
    const std::optional<std::uint64_t> headerEnd = readFields(in, f);
    if (!headerEnd)
        return "damaged NRRD header: no end within " +
               std::to_string(NrrdHeaderCheck::kMaxHeaderBytes / 1024) + " KiB";
    if (auto p = geometryProblem(f, warnings)) return p;
    std::string data = f.count("data file") ? f["data file"] : f.count("datafile") ? f["datafile"] : "";
    std::string file = path;
    std::uint64_t offset = *headerEnd;
    if (!data.empty()) {
        if (data.rfind("LIST", 0) == 0 || data.find('%') != std::string::npos ||
            data.find(' ') != std::string::npos)
            return "the data file \"" + data + "\" names several files, which is not supported";
        if (auto p = DataFileExtent::detachedProblem(path, data)) return p;
        file = (std::filesystem::absolute(path).parent_path() / data).string();
        offset = 0;
    }
    const std::string encoding = f.count("encoding") ? f["encoding"] : "";
    const bool raw = encoding == "raw", gzip = encoding == "gzip" || encoding == "gz";
    long long byteSkip = 0;
    if (f.count("byte skip")) std::istringstream(f["byte skip"]) >> byteSkip;
    const std::uint64_t bytes = claimedBytes(f);
    if ((!raw && !gzip) || bytes == 0 || byteSkip < 0 || f.count("line skip")) return std::nullopt;
    return gzip ? DataFileExtent::shortfall(file, offset, std::uint64_t(byteSkip), bytes, true)
                : DataFileExtent::shortfall(file, offset + std::uint64_t(byteSkip), 0, bytes, false);
}

}  // namespace

NrrdHeaderCheck::Result NrrdHeaderCheck::check(const std::string& path) {
    Result r;
    r.problem = problemOf(path, r.warnings);
    return r;
}

}  // namespace cadview
