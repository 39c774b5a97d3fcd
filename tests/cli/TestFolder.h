#pragma once

// A temporary folder per test (named after it, removed afterwards) and a plain CSV reader, for the
// end-to-end tests of cadview-cli.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../core/TempDir.h"  // TempDir, shared with the core tests

namespace cadview::test {

// Rows of cells split at commas (no quoted fields in what the tests read).
inline std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');)
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

}  // namespace cadview::test
