#pragma once

#include <string>

#include "io/DicomHeaderReader.h"

namespace cadview {

// A DICOM header (DicomHeaderReader::Header), or the problem that stopped its reading, as bytes and back:
// how IsolatedHeaderReader's child processes hand their results to the parent. Binary, in a fixed field
// order, so that every string keeps its exact bytes (header text need not be UTF-8) and every double its
// exact value.
class DicomHeaderRecord {
  public:
    static std::string encode(const DicomHeaderReader::Header& h);
    static std::string encode(const Diagnostic& problem);
    // Returns true and fills `h` for a header, false and fills `problem` for a problem. Throws
    // std::runtime_error on bytes that are neither.
    static bool decode(const std::string& bytes, DicomHeaderReader::Header& h, Diagnostic& problem);
    // A list of problems or warnings (a child's decoding warnings) as bytes and back.
    static std::string encodeList(const Diagnostics& list);
    static Diagnostics decodeList(const std::string& bytes);
};

}  // namespace cadview
