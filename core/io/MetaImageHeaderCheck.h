#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace cadview {

// Reads the text header of a MetaImage file (.mha, .mhd) before ITK's MetaIO parses it, and refuses, with
// a reason, every header MetaIO cannot read safely. MetaIO (ITK 5.2) copies each key into a 255-byte
// buffer with strcpy after reading up to 500 bytes of it (a long line without '=' aborts the process on
// glibc's buffer-overflow check), copies string values into 255-byte members, and sizes its per-axis
// arrays for 10 axes whatever NDims says (NDims = 11 with an 11 x 11 TransformMatrix overruns them).
// The header, up to and including the ElementDataFile line and at most kMaxHeaderBytes, must be lines of
// printable ASCII (tabs allowed, CR LF allowed, blank lines allowed) of the form `Key = Value`:
// - the key 1..kMaxKeyLength characters, without blanks, '=' or ':' (MetaIO's separators); ITK writes
//   metadata keys such as "0008|0060" (DICOM tags) and "NRRD_kinds[0]", so punctuation is allowed;
// - the value 1..kMaxValueLength characters (an empty value makes MetaIO take the next line as it);
// - NDims, if present, a whole number from 1 to kMaxDims;
// - an ElementDataFile line, which ends the header (binary pixels may follow it in a .mha), naming one
//   data file or LOCAL: not a list of slice files ("LIST") nor a numbered pattern ('%'), which MetaIO
//   reads with a user-supplied printf format and unchecked slice numbers. A data file other than LOCAL must
//   follow DataFileExtent's rule (a regular file beside or below the header; never a FIFO, /proc or "..");
// - pixel data (LOCAL after the header, or the data file) at least as long as DimSize, ElementType and
//   ElementNumberOfChannels claim, inflated and counted when CompressedData is True (MetaIO leaves what a
//   short file lacks uninitialised).
class MetaImageHeaderCheck {
  public:
    static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
    static constexpr std::size_t kMaxKeyLength = 64;
    static constexpr std::size_t kMaxValueLength = 250;
    static constexpr int kMaxDims = 10;

    // Nothing when MetaIO may read the file; otherwise "damaged MetaImage header: <what, which line>", or
    // why the data file may not be read, or "truncated: ...".
    static std::optional<std::string> problem(const std::string& path);
};

}  // namespace cadview
