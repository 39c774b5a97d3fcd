#pragma once

#include <optional>
#include <string>

namespace cadview {

// Walks the File Meta Information (group 0002) of a DICOM file before GDCM parses it. GDCM asserts, and
// so aborts the process, on a file that ends inside that group or holds a sequence or an undefined
// length there; such files are refused here with a reason instead. Files without a group 0002 at their
// start (no preamble, old ACR-NEMA style) pass unchecked.
class DicomFileMetaCheck {
  public:
    // Nothing when GDCM may read the file; otherwise why not, without the file name.
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
