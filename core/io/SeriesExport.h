#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "io/Deidentifier.h"
#include "io/SeriesEntry.h"

namespace cadview {

class JobContext;

// Writes the files of one DICOM series into a folder: copied as they are, or de-identified by the
// DICOM PS3.15 basic profile (Deidentifier). Files are named IM00001.dcm, IM00002.dcm... in the
// series' order, so no name carries a UID or a patient's name. The folder must be new or empty; a
// cancelled or failed export removes what it wrote.
class SeriesExport {
  public:
    struct Options {
        // Set: de-identify with these options; unset: copy the files unchanged.
        std::optional<Deidentifier::Options> deidentify = Deidentifier::Options{};
    };
    struct Summary {
        std::size_t files = 0;
    };

    // Throws std::runtime_error with the reason (not a DICOM series, folder not empty, a file that
    // cannot be read or written); throws JobCancelled when cancelled.
    static Summary write(const SeriesEntry& series, const std::string& folder, const Options& options,
                         JobContext& job);
};

}  // namespace cadview
