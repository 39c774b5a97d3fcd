#include "training/ClassTags.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "io/AtomicFile.h"

namespace cadview {

bool ClassTags::validClassName(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos && name.find('\0') == std::string::npos;
}

ClassTags ClassTags::load(const std::string& path) {
    ClassTags result;
    std::ifstream in(path, std::ios::binary);
    if (!in) return result;
    std::ostringstream text;
    text << in.rdbuf();
    try {
        const auto doc = nlohmann::json::parse(text.str());
        for (const auto& item : doc.at("tags")) {
            Tag tag;
            tag.uid = item.at("uid").get<std::string>();
            tag.className = item.at("class").get<std::string>();
            tag.source = item.value("source", std::string());
            tag.name = item.value("name", std::string());
            tag.files = item.value("files", std::vector<std::string>());
            result.set(std::move(tag));
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": not a class tag file: " + e.what());
    }
    return result;
}

void ClassTags::save(const std::string& path) const {
    nlohmann::json tags = nlohmann::json::array();
    for (const Tag& t : tags_)
        tags.push_back({{"uid", t.uid},
                        {"class", t.className},
                        {"source", t.source},
                        {"name", t.name},
                        {"files", t.files}});
    AtomicFile::write(
        path,
        nlohmann::json{{"tags", tags}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n');
}

void ClassTags::set(Tag tag) {
    if (!validClassName(tag.className))
        throw std::invalid_argument("\"" + tag.className + "\" cannot be a class name (a folder name)");
    if (tag.uid.empty()) throw std::invalid_argument("a tag needs the image's identifier");
    auto it = std::find_if(tags_.begin(), tags_.end(), [&](const Tag& t) { return t.uid == tag.uid; });
    if (it != tags_.end())
        *it = std::move(tag);
    else
        tags_.push_back(std::move(tag));
}

bool ClassTags::remove(const std::string& uid) {
    auto it = std::find_if(tags_.begin(), tags_.end(), [&](const Tag& t) { return t.uid == uid; });
    if (it == tags_.end()) return false;
    tags_.erase(it);
    return true;
}

std::optional<ClassTags::Tag> ClassTags::find(const std::string& uid) const {
    auto it = std::find_if(tags_.begin(), tags_.end(), [&](const Tag& t) { return t.uid == uid; });
    if (it == tags_.end()) return std::nullopt;
    return *it;
}

std::vector<std::string> ClassTags::classNames() const {
    std::set<std::string> names;
    for (const Tag& t : tags_)
        names.insert(t.className);
    return {names.begin(), names.end()};
}

}  // namespace cadview
