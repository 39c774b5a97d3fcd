#include "BenchStats.h"

#include <algorithm>
#include <cstdio>

namespace cadview::bench {

double Samples::median() const {
    if (values_.empty()) return 0;
    std::vector<double> v = values_;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double Samples::min() const {
    return values_.empty() ? 0 : *std::min_element(values_.begin(), values_.end());
}

double Samples::max() const {
    return values_.empty() ? 0 : *std::max_element(values_.begin(), values_.end());
}

std::string formatMs(double seconds) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f ms", seconds * 1000.0);
    return buf;
}

std::string formatMiB(double bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024.0));
    return buf;
}

std::string formatRatio(double ratio) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2fx", ratio);
    return buf;
}

std::string describeMs(const Samples& seconds) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "median %.0f ms (min %.0f, max %.0f, %zu runs)", seconds.median() * 1000.0,
                  seconds.min() * 1000.0, seconds.max() * 1000.0, seconds.count());
    return buf;
}

}  // namespace cadview::bench
