#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace cadview::bench {

// A plain-text table with columns sized to their widest cell; first column left-aligned, others right.
class Table {
  public:
    explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
    void addRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace cadview::bench
