#include "JsonReport.h"

namespace cadview::cli {

namespace {
const char* severityName(Diagnostic::Severity s) {
    switch (s) {
        case Diagnostic::Severity::Info:
            return "info";
        case Diagnostic::Severity::Warning:
            return "warning";
        case Diagnostic::Severity::Error:
            break;
    }
    return "error";
}
}  // namespace

nlohmann::json toJson(const Diagnostic& d) {
    nlohmann::json j{{"code", codeName(d.code)},
                     {"severity", severityName(d.severity)},
                     {"subject", d.subject},
                     {"message", describe(d)}};
    if (d.value != 0 || d.value2 != 0) j["value"] = d.value;
    if (d.value2 != 0) j["value2"] = d.value2;
    return j;
}

nlohmann::json toJson(const Diagnostics& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& d : list)
        a.push_back(toJson(d));
    return a;
}

nlohmann::json toJson(const SeriesEntry& entry, const VolumeDescription& description) {
    const ImageGeometry& g = description.geometry;
    const VolumeInfo& info = description.info;
    nlohmann::json j;
    j["uid"] = entry.uid;
    j["kind"] = entry.kind == SeriesEntry::Kind::DicomSeries ? "dicom-series" : "image-file";
    j["path"] = entry.path;
    j["format"] = info.format;
    j["modality"] = info.modality;
    j["description"] = info.seriesDescription;
    j["study_date"] = info.studyDate;
    j["images"] = entry.imageCount();
    j["size"] = {g.size[0], g.size[1], g.size[2]};
    j["spacing"] = {g.spacing[0], g.spacing[1], g.spacing[2]};
    j["origin"] = {g.origin[0], g.origin[1], g.origin[2]};
    j["direction"] = g.direction;
    j["pixel_type"] = std::string(pixelTypeName(description.pixelType));
    j["components"] = description.components;
    if (info.windowCenter && info.windowWidth)
        j["window"] = {{"center", *info.windowCenter}, {"width", *info.windowWidth}};
    j["warnings"] = toJson(description.diagnostics);
    return j;
}

std::string dump(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cadview::cli
