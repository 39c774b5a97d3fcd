#include "evaluation/Overlap.h"

#include <limits>

namespace cadview {

Overlap Overlap::of(const std::uint8_t* reference, const std::uint8_t* predicted, std::size_t n,
                    const std::uint8_t* ignore) {
    Overlap o;
    for (std::size_t i = 0; i < n; ++i) {
        if (ignore && ignore[i]) continue;
        const bool r = reference[i] != 0, p = predicted[i] != 0;
        o.reference += r;
        o.predicted += p;
        o.intersection += r && p;
        ++o.total;
    }
    return o;
}

double Overlap::dice() const {
    const std::size_t sum = reference + predicted;
    return sum == 0 ? 1.0 : 2.0 * double(intersection) / double(sum);
}

double Overlap::jaccard() const {
    const std::size_t uni = reference + predicted - intersection;
    return uni == 0 ? 1.0 : double(intersection) / double(uni);
}

double Overlap::sensitivity() const {
    return reference == 0 ? std::numeric_limits<double>::quiet_NaN()
                          : double(intersection) / double(reference);
}

}  // namespace cadview
