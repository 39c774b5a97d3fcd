#include "inference/ModelManifest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cadview {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Reads fields with errors that name the file and the field's path.
class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& what) const {
        throw ManifestError(path_ + ": " + field + ": " + what);
    }
    const json& need(const json& obj, const char* key, const std::string& at) const {
        if (!obj.is_object() || !obj.contains(key)) fail(at + key, "missing");
        return obj.at(key);
    }
    std::string text(const json& obj, const char* key, const std::string& at, bool required = true) const {
        if (!required && (!obj.is_object() || !obj.contains(key))) return {};
        const json& v = need(obj, key, at);
        if (!v.is_string()) fail(at + key, "expected a string");
        return v.get<std::string>();
    }
    double number(const json& obj, const char* key, const std::string& at) const {
        const json& v = need(obj, key, at);
        if (!v.is_number()) fail(at + key, "expected a number");
        return v.get<double>();
    }
    int integer(const json& obj, const char* key, const std::string& at) const {
        const json& v = need(obj, key, at);
        if (!v.is_number_integer()) fail(at + key, "expected an integer");
        return v.get<int>();
    }
    template <typename Enum>
    Enum choice(const json& obj, const char* key, const std::string& at,
                std::initializer_list<std::pair<const char*, Enum>> options) const {
        const std::string v = text(obj, key, at);
        std::string names;
        for (const auto& [name, value] : options) {
            if (v == name) return value;
            names += std::string(names.empty() ? "" : ", ") + "\"" + name + "\"";
        }
        fail(at + key, "\"" + v + "\" is not one of " + names);
    }

  private:
    std::string path_;
};

std::array<std::uint8_t, 3> parseColor(const Reader& r, const std::string& s, const std::string& field) {
    if (s.size() != 7 || s[0] != '#' || !std::all_of(s.begin() + 1, s.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c));
        }))
        r.fail(field, "expected a colour \"#rrggbb\", got \"" + s + "\"");
    const auto byte = [&](int i) {
        return std::uint8_t(std::stoi(s.substr(std::size_t(1 + 2 * i), 2), nullptr, 16));
    };
    return {byte(0), byte(1), byte(2)};
}

std::string hexColor(const std::array<std::uint8_t, 3>& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

}  // namespace

const char* toString(ModelManifest::Task task) {
    return task == ModelManifest::Task::Segmentation ? "segmentation" : "classification";
}

ModelManifest ModelManifest::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ManifestError(path + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

ModelManifest ModelManifest::parse(const std::string& text, const std::string& path) {
    const Reader r(path);
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {  // syntax, and numbers too large for any type (out_of_range)
        throw ManifestError(path + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object()) r.fail("(top level)", "expected an object");

    ModelManifest m;
    m.directory = fs::path(path).parent_path().string();
    m.schema = r.integer(j, "schema", "");
    if (m.schema != 1)
        r.fail("schema", "version " + std::to_string(m.schema) + " is not supported (this cadview reads 1)");
    m.name = r.text(j, "name", "");
    if (m.name.empty()) r.fail("name", "must not be empty");
    m.version = r.text(j, "version", "");
    m.task = r.choice<Task>(j, "task", "",
                            {{"segmentation", Task::Segmentation}, {"classification", Task::Classification}});
    m.description = r.text(j, "description", "", false);
    if (j.contains("modality")) {
        const json& mod = j.at("modality");
        if (mod.is_string()) {
            m.modalities.push_back(mod.get<std::string>());
        } else if (mod.is_array()) {
            for (const auto& x : mod) {
                if (!x.is_string()) r.fail("modality", "expected strings");
                m.modalities.push_back(x.get<std::string>());
            }
        } else {
            r.fail("modality", "expected a string or a list of strings");
        }
    }
    const std::string file = r.text(j, "file", "");
    m.file = (fs::path(m.directory) / file).lexically_normal().string();

    const json& in = r.need(j, "input", "");
    m.inputKind = r.choice<InputKind>(
        in, "kind", "input.",
        {{"2d", InputKind::Slice2D}, {"2.5d", InputKind::Slice25D}, {"3d", InputKind::Patch3D}});
    const std::size_t dims = m.inputKind == InputKind::Patch3D ? 3 : 2;
    const json& size = r.need(in, "size", "input.");
    if (!size.is_array() || size.size() != dims || !std::all_of(size.begin(), size.end(), [](const json& v) {
            return v.is_number_integer() && v.get<int>() > 0;
        }))
        r.fail("input.size", "expected " + std::to_string(dims) + " positive integers for a " +
                                 (dims == 3 ? "3d" : "2d") + " model, got " +
                                 size.dump(-1, ' ', false, json::error_handler_t::replace));
    for (const auto& v : size)
        m.inputSize.push_back(v.get<int>());
    if (in.contains("spacing")) {
        const json& sp = in.at("spacing");
        if (!sp.is_array() || sp.size() != dims || !std::all_of(sp.begin(), sp.end(), [](const json& v) {
                return v.is_number() && v.get<double>() > 0;
            }))
            r.fail("input.spacing", "expected " + std::to_string(dims) + " positive numbers, got " +
                                        sp.dump(-1, ' ', false, json::error_handler_t::replace));
        for (const auto& v : sp)
            m.inputSpacing.push_back(v.get<double>());
    }
    m.channels = r.integer(in, "channels", "input.");
    if (m.channels < 1) r.fail("input.channels", "must be at least 1");
    if (m.inputKind == InputKind::Slice25D && m.channels % 2 == 0)
        r.fail("input.channels",
               "a 2.5d model needs an odd number of channels (the slice and its neighbours)");
    m.resample = in.contains("resample")
                     ? r.choice<Resample>(in, "resample", "input.",
                                          {{"size", Resample::ToSize}, {"spacing", Resample::ToSpacing}})
                     : Resample::ToSize;
    if (m.resample == Resample::ToSpacing && m.inputSpacing.empty())
        r.fail("input.spacing", "required when input.resample is \"spacing\"");

    const json& norm = r.need(j, "normalization", "");
    m.normalization = r.choice<Normalization>(norm, "type", "normalization.",
                                              {{"window", Normalization::Window},
                                               {"zscore", Normalization::ZScore},
                                               {"minmax", Normalization::MinMax},
                                               {"percentile", Normalization::Percentile}});
    if (m.normalization == Normalization::Window) {
        m.windowCenter = r.number(norm, "center", "normalization.");
        m.windowWidth = r.number(norm, "width", "normalization.");
        if (m.windowWidth <= 0) r.fail("normalization.width", "must be positive");
    } else if (m.normalization == Normalization::Percentile) {
        m.percentileLow = r.number(norm, "low", "normalization.");
        m.percentileHigh = r.number(norm, "high", "normalization.");
        if (!(m.percentileLow >= 0 && m.percentileLow < m.percentileHigh && m.percentileHigh <= 100))
            r.fail("normalization.low", "expected 0 <= low < high <= 100");
    }

    const json& labels = r.need(j, "labels", "");
    if (!labels.is_array() || labels.empty()) r.fail("labels", "expected a non-empty list");
    for (std::size_t k = 0; k < labels.size(); ++k) {
        const std::string at = "labels[" + std::to_string(k) + "].";
        Label l;
        l.value = r.integer(labels[k], "value", at);
        l.name = r.text(labels[k], "name", at);
        l.color = parseColor(r, r.text(labels[k], "color", at), at + "color");
        if (labels[k].contains("threshold")) {
            l.threshold = r.number(labels[k], "threshold", at);
            l.thresholdGiven = true;
            if (!(l.threshold >= 0 && l.threshold <= 1))
                r.fail(at + "threshold", "expected a number from 0 to 1");
        }
        if (m.task == Task::Segmentation && (l.value < 1 || l.value > 255))
            r.fail(at + "value", "segmentation labels are 1 to 255 (0 is background)");
        for (const Label& other : m.labels)
            if (other.value == l.value)
                r.fail(at + "value", "label value " + std::to_string(l.value) + " is used twice");
        m.labels.push_back(l);
    }

    const json& out = r.need(j, "output", "");
    m.activation = r.choice<Activation>(
        out, "activation", "output.",
        {{"softmax", Activation::Softmax}, {"sigmoid", Activation::Sigmoid}, {"none", Activation::None}});
    if (out.contains("logits")) m.logitsOutput = r.integer(out, "logits", "output.");
    if (out.contains("feature_map")) {
        if (m.task != Task::Classification)
            r.fail("output.feature_map", "only classifiers have a Grad-CAM feature map");
        m.featureMapOutput = r.integer(out, "feature_map", "output.");
        if (*m.featureMapOutput == m.logitsOutput)
            r.fail("output.feature_map", "must differ from output.logits");
    }
    if (out.contains("keep_largest_component")) {
        if (!out["keep_largest_component"].is_boolean())
            r.fail("output.keep_largest_component", "expected true or false");
        m.keepLargestComponent = out["keep_largest_component"].get<bool>();
        if (m.keepLargestComponent && m.task != Task::Segmentation)
            r.fail("output.keep_largest_component", "only segmentation models have components");
    }
    if (out.contains("mirror")) {
        const json& mirror = out["mirror"];
        if (m.task != Task::Segmentation) r.fail("output.mirror", "only segmentation models are mirrored");
        if (!mirror.is_array()) r.fail("output.mirror", "expected a list of axes (\"x\", \"y\", \"z\")");
        for (const json& a : mirror) {
            const std::string axis = a.is_string() ? a.get<std::string>() : "";
            const int index = axis == "x" ? 0 : axis == "y" ? 1 : axis == "z" ? 2 : -1;
            if (index < 0 || std::size_t(index) >= dims)
                r.fail("output.mirror",
                       "expected " + std::string(dims == 3 ? "\"x\", \"y\" or \"z\"" : "\"x\" or \"y\"") +
                           " for a " + (dims == 3 ? "3d" : "2d") + " model, got " +
                           a.dump(-1, ' ', false, json::error_handler_t::replace));
            if (std::find(m.mirrorAxes.begin(), m.mirrorAxes.end(), index) != m.mirrorAxes.end())
                r.fail("output.mirror", "axis \"" + axis + "\" is given twice");
            m.mirrorAxes.push_back(index);
        }
    }
    if (out.contains("overlap")) {
        m.overlap = r.number(out, "overlap", "output.");
        if (m.overlap < 0 || m.overlap > 0.9) r.fail("output.overlap", "expected a number from 0 to 0.9");
    }
    return m;
}

bool ModelManifest::acceptsModality(const std::string& modality) const {
    return modalities.empty() ||
           std::find(modalities.begin(), modalities.end(), modality) != modalities.end();
}

std::vector<std::int64_t> ModelManifest::inputShape() const {
    std::vector<std::int64_t> shape{1, channels};
    // Tensors are (D,) H, W: reverse the x-first size.
    for (auto it = inputSize.rbegin(); it != inputSize.rend(); ++it)
        shape.push_back(*it);
    return shape;
}

std::string ModelManifest::toJson() const {
    json j;
    j["schema"] = schema;
    j["name"] = name;
    j["version"] = version;
    j["task"] = toString(task);
    j["description"] = description;
    j["modality"] = modalities;
    j["file"] = file;
    j["input"] = {{"kind", inputKind == InputKind::Slice2D    ? "2d"
                           : inputKind == InputKind::Slice25D ? "2.5d"
                                                              : "3d"},
                  {"size", inputSize},
                  {"channels", channels},
                  {"resample", resample == Resample::ToSize ? "size" : "spacing"}};
    if (!inputSpacing.empty()) j["input"]["spacing"] = inputSpacing;
    const char* norms[] = {"window", "zscore", "minmax", "percentile"};
    j["normalization"] = {{"type", norms[int(normalization)]}};
    if (normalization == Normalization::Window) {
        j["normalization"]["center"] = windowCenter;
        j["normalization"]["width"] = windowWidth;
    } else if (normalization == Normalization::Percentile) {
        j["normalization"]["low"] = percentileLow;
        j["normalization"]["high"] = percentileHigh;
    }
    j["labels"] = json::array();
    for (const Label& l : labels) {
        json label = {{"value", l.value}, {"name", l.name}, {"color", hexColor(l.color)}};
        if (task == Task::Classification || l.thresholdGiven) label["threshold"] = l.threshold;
        j["labels"].push_back(label);
    }
    const char* acts[] = {"softmax", "sigmoid", "none"};
    j["output"] = {{"activation", acts[int(activation)]}, {"logits", logitsOutput}, {"overlap", overlap}};
    if (featureMapOutput) j["output"]["feature_map"] = *featureMapOutput;
    if (keepLargestComponent) j["output"]["keep_largest_component"] = true;
    if (!mirrorAxes.empty()) {
        j["output"]["mirror"] = json::array();
        for (int a : mirrorAxes)
            j["output"]["mirror"].push_back(std::string(1, "xyz"[a]));
    }
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace cadview
