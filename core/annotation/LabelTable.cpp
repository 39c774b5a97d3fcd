#include "annotation/LabelTable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace cadview {

namespace {

void checkValue(int value) {
    if (value < 1 || value > 255)
        throw std::invalid_argument("label value " + std::to_string(value) + " is outside 1..255");
}

}  // namespace

LabelTable LabelTable::withDefaultLabel() {
    LabelTable table;
    table.set({1, "Label 1", paletteColor(1), true, false});
    return table;
}

const LabelEntry* LabelTable::find(int value) const {
    auto it =
        std::find_if(entries_.begin(), entries_.end(), [&](const LabelEntry& e) { return e.value == value; });
    return it == entries_.end() ? nullptr : &*it;
}

LabelEntry* LabelTable::find(int value) {
    return const_cast<LabelEntry*>(std::as_const(*this).find(value));
}

void LabelTable::set(const LabelEntry& entry) {
    checkValue(entry.value);
    if (LabelEntry* existing = find(entry.value)) {
        *existing = entry;
        return;
    }
    auto at = std::lower_bound(entries_.begin(), entries_.end(), entry.value,
                               [](const LabelEntry& e, int v) { return e.value < v; });
    entries_.insert(at, entry);
}

bool LabelTable::remove(int value) {
    auto it =
        std::find_if(entries_.begin(), entries_.end(), [&](const LabelEntry& e) { return e.value == value; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
}

std::optional<int> LabelTable::nextFreeValue() const {
    for (int v = 1; v <= 255; ++v)
        if (!find(v)) return v;
    return std::nullopt;
}

void LabelTable::addMissing(const std::vector<int>& values) {
    for (int v : values)
        if (v >= 1 && v <= 255 && !find(v))
            set({v, "Label " + std::to_string(v), paletteColor(v), true, false});
}

std::array<std::uint8_t, 3> LabelTable::paletteColor(int value) {
    // ITK-SNAP's first label colours, then a golden-angle hue walk for the rest.
    static const std::array<std::array<std::uint8_t, 3>, 12> first{{{255, 0, 0},
                                                                    {0, 255, 0},
                                                                    {0, 0, 255},
                                                                    {255, 255, 0},
                                                                    {0, 255, 255},
                                                                    {255, 0, 255},
                                                                    {255, 239, 213},
                                                                    {0, 0, 205},
                                                                    {205, 133, 63},
                                                                    {210, 180, 140},
                                                                    {102, 205, 170},
                                                                    {0, 0, 128}}};
    if (value >= 1 && value <= int(first.size())) return first[std::size_t(value - 1)];
    const double hue = std::fmod(value * 137.508, 360.0) / 60.0;
    const double x = 1.0 - std::fabs(std::fmod(hue, 2.0) - 1.0);
    double r = 0, g = 0, b = 0;
    switch (int(hue)) {
        case 0:
            r = 1, g = x;
            break;
        case 1:
            r = x, g = 1;
            break;
        case 2:
            g = 1, b = x;
            break;
        case 3:
            g = x, b = 1;
            break;
        case 4:
            r = x, b = 1;
            break;
        default:
            r = 1, b = x;
            break;
    }
    auto c = [](double f) { return std::uint8_t(std::lround(40 + f * 215)); };
    return {c(r), c(g), c(b)};
}

std::array<std::array<std::uint8_t, 3>, 256> LabelTable::colorTable() const {
    std::array<std::array<std::uint8_t, 3>, 256> table{};
    for (int v = 1; v < 256; ++v)
        table[std::size_t(v)] = paletteColor(v);
    for (const auto& e : entries_)
        table[std::size_t(e.value)] = e.color;
    return table;
}

std::array<bool, 256> LabelTable::visibilityTable() const {
    std::array<bool, 256> table;
    table.fill(true);
    table[0] = false;
    for (const auto& e : entries_)
        table[std::size_t(e.value)] = e.visible;
    return table;
}

std::array<bool, 256> LabelTable::lockTable() const {
    std::array<bool, 256> table{};
    for (const auto& e : entries_)
        table[std::size_t(e.value)] = e.locked;
    return table;
}

std::string LabelTable::toJson() const {
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& e : entries_)
        labels.push_back({{"value", e.value},
                          {"name", e.name},
                          {"color", {e.color[0], e.color[1], e.color[2]}},
                          {"visible", e.visible},
                          {"locked", e.locked}});
    // Names from other tools' files may not be UTF-8: such bytes become U+FFFD instead of an exception.
    return nlohmann::json{{"labels", labels}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

LabelTable LabelTable::fromJson(const std::string& text) {
    LabelTable table;
    try {
        const auto doc = nlohmann::json::parse(text);
        for (const auto& item : doc.at("labels")) {
            LabelEntry e;
            e.value = item.at("value").get<int>();
            e.name = item.value("name", "Label " + std::to_string(e.value));
            if (item.contains("color")) {
                const auto& c = item.at("color");
                if (!c.is_array() || c.size() != 3) throw std::runtime_error("a colour needs three numbers");
                for (std::size_t i = 0; i < 3; ++i)
                    e.color[i] = std::uint8_t(std::clamp(c[i].get<int>(), 0, 255));
            } else {
                e.color = paletteColor(e.value);
            }
            e.visible = item.value("visible", true);
            e.locked = item.value("locked", false);
            table.set(e);
        }
    } catch (const std::exception& error) {
        throw std::runtime_error(std::string("invalid label table: ") + error.what());
    }
    return table;
}

std::string LabelTable::toItkSnap() const {
    std::ostringstream out;
    out << "################################################\n"
           "# ITK-SnAP Label Description File (written by cadview)\n"
           "# Columns = IDX -R- -G- -B- -A-- VIS MSH LABEL\n"
           "################################################\n";
    out << "    0     0    0    0        0  0  0    \"Clear Label\"\n";
    for (const auto& e : entries_) {
        std::string name;
        for (char c : e.name)
            name += c == '"' ? '\'' : c;
        char line[64];
        std::snprintf(line, sizeof line, "%5d   %3d  %3d  %3d        1  %d  1    ", e.value, e.color[0],
                      e.color[1], e.color[2], e.visible ? 1 : 0);
        out << line << '"' << name << "\"\n";
    }
    return out.str();
}

LabelTable LabelTable::fromItkSnap(const std::string& text) {
    LabelTable table;
    std::istringstream in(text);
    std::string line;
    int lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream fields(line);
        int value = 0, r = 0, g = 0, b = 0, visible = 1, mesh = 1;
        double alpha = 1;
        if (!(fields >> value >> r >> g >> b >> alpha >> visible >> mesh))
            throw std::runtime_error("invalid label description, line " + std::to_string(lineNumber));
        const auto open = line.find('"');
        const auto close = line.rfind('"');
        std::string name = open != std::string::npos && close > open ? line.substr(open + 1, close - open - 1)
                                                                     : "Label " + std::to_string(value);
        if (value == 0) continue;  // "Clear Label"
        if (value < 0 || value > 255)
            throw std::runtime_error("label value " + std::to_string(value) + " outside 1..255, line " +
                                     std::to_string(lineNumber));
        auto c = [](int v) { return std::uint8_t(std::clamp(v, 0, 255)); };
        table.set({value, name, {c(r), c(g), c(b)}, visible != 0, false});
    }
    return table;
}

bool LabelTable::operator==(const LabelTable& other) const {
    if (entries_.size() != other.entries_.size()) return false;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const auto &a = entries_[i], &b = other.entries_[i];
        if (a.value != b.value || a.name != b.name || a.color != b.color || a.visible != b.visible ||
            a.locked != b.locked)
            return false;
    }
    return true;
}

}  // namespace cadview
