#include "Table.h"

#include <algorithm>
#include <ostream>

namespace cadview::bench {

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> width(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    };
    measure(header_);
    for (const auto& r : rows_)
        measure(r);

    auto line = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < width.size(); ++c) {
            const std::string cell = c < row.size() ? row[c] : std::string();
            const std::string pad(width[c] - cell.size(), ' ');
            out << (c == 0 ? "  " : "   ") << (c == 0 ? cell + pad : pad + cell);
        }
        out << "\n";
    };
    line(header_);
    std::size_t total = 0;
    for (std::size_t w : width)
        total += w + 3;
    out << "  " << std::string(total > 3 ? total - 1 : total, '-') << "\n";
    for (const auto& r : rows_)
        line(r);
}

}  // namespace cadview::bench
