#pragma once

#include <string>

namespace cadview::cli {

// CSV output: a field quoted when it holds a comma, quote or line break; numbers with 9 significant digits
// (6 for figures, "nan" for undefined).
std::string csvField(const std::string& s);
std::string csvNumber(double v, int digits = 9);

}  // namespace cadview::cli
