#include "pacs/RetrieveStaging.h"

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <stdexcept>

#include "io/DcmtkLog.h"

namespace cadview {

namespace fs = std::filesystem;

const char* RetrieveStaging::temporaryPrefix() {
    return ".cadview-partial-";
}

std::string RetrieveStaging::safeName(const std::string& uid, const std::string& fallback) {
    const bool ok =
        !uid.empty() && uid.size() <= 64 && uid.front() != '.' &&
        std::all_of(uid.begin(), uid.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    return ok ? uid : "unnamed-" + fallback;
}

RetrieveStaging::RetrieveStaging(const fs::path& destination) : destination_(destination) {
    DcmtkLog::quiet();  // reading headers up to the pixel data is meant, not worth a warning
    std::error_code ec;
    fs::create_directories(destination_, ec);
    if (ec || !fs::is_directory(destination_))
        throw std::runtime_error(destination_.string() + ": cannot create the folder (" +
                                 (ec ? ec.message() : "not a folder") + ")");
    std::mt19937_64 random(std::random_device{}() ^
                           std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()));
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path candidate =
            destination_ / (std::string(temporaryPrefix()) + std::to_string(::getpid()) + "-" +
                            std::to_string(random() % 1000000000));
        if (fs::create_directory(candidate, ec) && !ec) {
            temporary_ = candidate;
            return;
        }
    }
    throw std::runtime_error(destination_.string() + ": cannot create a temporary folder (" + ec.message() +
                             ")");
}

RetrieveStaging::~RetrieveStaging() {
    std::error_code ec;
    fs::remove_all(temporary_, ec);
}

std::size_t RetrieveStaging::count() const {
    std::lock_guard lock(mutex_);
    return instances_.size();
}

std::string RetrieveStaging::store(DcmDataset* received) {
    if (!received) return "no data set received";
    DcmFileFormat file(received, OFFalse);  // takes it over
    DcmDataset& dataset = *file.getDataset();
    Instance instance;
    OFString value;
    if (dataset.findAndGetOFString(DCM_StudyInstanceUID, value).good()) instance.studyUid = value.c_str();
    if (dataset.findAndGetOFString(DCM_SeriesInstanceUID, value).good()) instance.seriesUid = value.c_str();
    if (dataset.findAndGetOFString(DCM_SOPInstanceUID, value).good()) instance.sopInstanceUid = value.c_str();
    if (instance.sopInstanceUid.empty()) return "the instance has no SOP Instance UID";
    std::size_t number;
    {
        std::lock_guard lock(mutex_);
        if (committed_) return "the retrieve is over";
        number = ++counter_;
    }
    instance.file = temporary_ / (std::to_string(number) + ".dcm");
    const E_TransferSyntax xfer = dataset.getOriginalXfer();
    const OFCondition c =
        file.saveFile(instance.file.c_str(), xfer == EXS_Unknown ? EXS_LittleEndianExplicit : xfer);
    if (c.bad()) {
        std::error_code ec;
        fs::remove(instance.file, ec);
        return std::string("cannot write the instance (") + c.text() + ")";
    }
    std::lock_guard lock(mutex_);
    instances_.push_back(std::move(instance));
    return {};
}

std::string RetrieveStaging::storeBytes(const std::string& bytes) {
    std::size_t number;
    {
        std::lock_guard lock(mutex_);
        if (committed_) return "the retrieve is over";
        number = ++counter_;
    }
    Instance instance;
    instance.file = temporary_ / (std::to_string(number) + ".dcm");
    {
        std::ofstream out(instance.file, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) return "cannot write the instance (disk full?)";
    }
    DcmFileFormat file;
    if (file.loadFileUntilTag(instance.file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                              ERM_fileOnly, DCM_PixelData)
            .bad()) {
        std::error_code ec;
        fs::remove(instance.file, ec);
        return "not a DICOM Part 10 file";
    }
    DcmDataset& dataset = *file.getDataset();
    OFString value;
    if (dataset.findAndGetOFString(DCM_StudyInstanceUID, value).good()) instance.studyUid = value.c_str();
    if (dataset.findAndGetOFString(DCM_SeriesInstanceUID, value).good()) instance.seriesUid = value.c_str();
    if (dataset.findAndGetOFString(DCM_SOPInstanceUID, value).good()) instance.sopInstanceUid = value.c_str();
    if (instance.sopInstanceUid.empty()) {
        std::error_code ec;
        fs::remove(instance.file, ec);
        return "the instance has no SOP Instance UID";
    }
    std::lock_guard lock(mutex_);
    instances_.push_back(std::move(instance));
    return {};
}

std::vector<std::string> RetrieveStaging::commit() {
    std::vector<Instance> instances;
    {
        std::lock_guard lock(mutex_);
        committed_ = true;
        instances.swap(instances_);
    }
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < instances.size(); ++i) {
        const Instance& in = instances[i];
        const std::string n = std::to_string(i + 1);
        const fs::path folder =
            destination_ / safeName(in.studyUid, "study") / safeName(in.seriesUid, "series");
        const fs::path target = folder / (safeName(in.sopInstanceUid, n) + ".dcm");
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (!ec) fs::rename(in.file, target, ec);
        if (ec)
            throw std::runtime_error(target.string() + ": cannot move the received instance into place (" +
                                     ec.message() + ")");
        paths.push_back(target.string());
    }
    std::error_code ec;
    fs::remove_all(temporary_, ec);
    std::sort(paths.begin(), paths.end());
    return paths;
}

}  // namespace cadview
