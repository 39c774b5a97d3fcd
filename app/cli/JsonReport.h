#pragma once

#include <nlohmann/json.hpp>

#include "image/Diagnostic.h"
#include "image/VolumeDescription.h"
#include "io/SeriesEntry.h"

namespace cadview::cli {

nlohmann::json toJson(const Diagnostic& d);
nlohmann::json toJson(const Diagnostics& list);
// One series or image: identity, geometry, pixel type and warnings.
nlohmann::json toJson(const SeriesEntry& entry, const VolumeDescription& description);
// UTF-8-safe dump (DICOM text in other character sets must not abort the report).
std::string dump(const nlohmann::json& j);

}  // namespace cadview::cli
