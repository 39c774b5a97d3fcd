#include "io/DicomText.h"

#include <cerrno>
#include <cstdlib>

namespace cadview::dicomtext {

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == '\0' || std::string_view(ws).find(s[b]) != std::string_view::npos))
        ++b;
    while (e > b && (s[e - 1] == '\0' || std::string_view(ws).find(s[e - 1]) != std::string_view::npos))
        --e;
    return s.substr(b, e - b);
}

std::vector<double> parseNumbers(const std::string& s) {
    std::vector<double> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\\', start);
        if (end == std::string::npos) end = s.size();
        const std::string item = trim(s.substr(start, end - start));
        if (item.empty()) break;
        char* stop = nullptr;
        errno = 0;
        const double v = std::strtod(item.c_str(), &stop);
        if (stop == item.c_str() || *stop != '\0' || errno == ERANGE) break;
        out.push_back(v);
        start = end + 1;
    }
    return out;
}

}  // namespace cadview::dicomtext
