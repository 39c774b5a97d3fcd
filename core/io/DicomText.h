#pragma once

#include <string>
#include <vector>

namespace cadview::dicomtext {

// DICOM text values come padded to even length with spaces or NULs; strip both ends.
std::string trim(const std::string& s);
// Parses a multi-valued DS/IS string ("1.5\\-2\\3e1"); stops at the first value that is not a number.
std::vector<double> parseNumbers(const std::string& s);

}  // namespace cadview::dicomtext
