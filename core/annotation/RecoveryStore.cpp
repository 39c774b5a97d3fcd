#include "annotation/RecoveryStore.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include "io/AtomicFile.h"
#include "io/LabelMapFile.h"

namespace fs = std::filesystem;

namespace cadview {

namespace {

constexpr const char* kInfoFile = "recovery.json";
constexpr const char* kLockFile = "lock";

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot be read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void fsyncFile(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

nlohmann::json toJson(const RecoveryStore::Info& info) {
    return {{"imageSource", info.imageSource}, {"imageUid", info.imageUid},
            {"labelPath", info.labelPath},     {"size", {info.size[0], info.size[1], info.size[2]}},
            {"savedAtMs", info.savedAtMs},     {"revision", info.revision},
            {"labelsFile", info.labelsFile}};
}

RecoveryStore::Info fromJson(const nlohmann::json& j) {
    RecoveryStore::Info info;
    info.imageSource = j.at("imageSource").get<std::string>();
    info.imageUid = j.at("imageUid").get<std::string>();
    info.labelPath = j.value("labelPath", std::string());
    const auto& size = j.at("size");
    for (std::size_t i = 0; i < 3; ++i)
        info.size[i] = size.at(i).get<std::size_t>();
    info.savedAtMs = j.at("savedAtMs").get<std::int64_t>();
    info.revision = j.value("revision", std::uint64_t(0));
    info.labelsFile = j.at("labelsFile").get<std::string>();
    if (info.labelsFile.find('/') != std::string::npos) throw std::runtime_error("bad labels file name");
    return info;
}

// Tries to lock a slot's lock file; returns the descriptor (locked) or -1 when another process holds it.
int tryLock(const fs::path& slot) {
    const int fd = ::open((slot / kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

RecoveryStore::RecoveryStore(std::string directory) : directory_(std::move(directory)) {
    std::error_code ec;
    fs::create_directories(directory_, ec);
    if (ec) throw std::runtime_error(directory_ + ": cannot create the recovery folder: " + ec.message());
    std::random_device random;
    for (int attempt = 0; attempt < 16 && lockFd_ < 0; ++attempt) {
        const auto now = std::chrono::system_clock::now().time_since_epoch().count();
        const fs::path slot = fs::path(directory_) /
                              ("slot-" + std::to_string(::getpid()) + "-" + std::to_string(now % 1000000007) +
                               "-" + std::to_string(random() % 100000));
        if (!fs::create_directory(slot, ec)) continue;
        lockFd_ = tryLock(slot);
        if (lockFd_ >= 0) slot_ = slot.string();
    }
    if (lockFd_ < 0) throw std::runtime_error(directory_ + ": cannot claim a recovery slot");
}

RecoveryStore::~RecoveryStore() {
    std::error_code ec;
    if (!slot_.empty()) fs::remove_all(slot_, ec);  // a clean exit leaves nothing to recover
    if (lockFd_ >= 0) ::close(lockFd_);
}

void RecoveryStore::save(const Volume& labels, const LabelTable& table, Info info) {
    const fs::path slot(slot_);
    info.labelsFile = "labels-" + std::to_string(++sequence_) + ".nrrd";
    info.size = labels.geometry().size;
    if (info.savedAtMs == 0)
        info.savedAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    const fs::path labelsPath = slot / info.labelsFile;
    LabelMapFile::write(labels, table, labelsPath.string());
    fsyncFile(labelsPath);
    AtomicFile::write((slot / kInfoFile).string(),
                      toJson(info).dump(2, ' ', false, nlohmann::json::error_handler_t::replace), 0600);
    // The new autosave is complete: older label files can go.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(slot, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("labels-", 0) == 0 && name != info.labelsFile) fs::remove(entry.path(), ec);
    }
}

void RecoveryStore::clear() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(slot_, ec)) {
        if (entry.path().filename() == kLockFile) continue;
        fs::remove_all(entry.path(), ec);
    }
}

std::vector<RecoveryStore::Orphan> RecoveryStore::orphans(const std::string& directory) {
    std::vector<Orphan> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        if (!entry.is_directory() || entry.path().filename().string().rfind("slot-", 0) != 0) continue;
        const int fd = tryLock(entry.path());
        if (fd < 0) continue;  // its process is alive
        ::close(fd);
        try {
            Orphan orphan{entry.path().string(),
                          fromJson(nlohmann::json::parse(readText(entry.path() / kInfoFile)))};
            if (fs::exists(entry.path() / orphan.info.labelsFile)) found.push_back(std::move(orphan));
        } catch (const std::exception&) {
            // No autosave in it (the process died before its first one) or unreadable: nothing to offer.
        }
    }
    std::sort(found.begin(), found.end(),
              [](const Orphan& a, const Orphan& b) { return a.info.savedAtMs > b.info.savedAtMs; });
    return found;
}

std::pair<Volume, LabelTable> RecoveryStore::load(const Orphan& orphan) {
    LabelMapFile::Loaded loaded =
        LabelMapFile::read((fs::path(orphan.slot) / orphan.info.labelsFile).string());
    if (loaded.labels.geometry().size != orphan.info.size)
        throw std::runtime_error(orphan.slot + ": the recovered label map does not have the recorded size");
    return {std::move(loaded.labels), std::move(loaded.table)};
}

void RecoveryStore::remove(const Orphan& orphan) {
    const int fd = tryLock(orphan.slot);
    if (fd < 0) return;
    std::error_code ec;
    fs::remove_all(orphan.slot, ec);
    ::close(fd);
}

}  // namespace cadview
