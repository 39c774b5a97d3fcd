#include "io/StudyIndexer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "io/InputFiles.h"
#include "io/IsolatedHeaderReader.h"

namespace cadview {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Key that separates images of one SeriesInstanceUID that cannot share a volume.
std::string geometryKey(const DicomInstance& i) {
    char buf[200];
    std::array<double, 6> o = i.orientation.value_or(std::array<double, 6>{0, 0, 0, 0, 0, 0});
    // Bits allocated too: an 8-bit image among 16-bit ones does not share their volume.
    std::snprintf(buf, sizeof buf, "%dx%dx%d|%d|%d|%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", i.columns, i.rows,
                  i.samplesPerPixel, i.frames > 1 ? 1 : 0, i.bitsAllocated, o[0], o[1], o[2], o[3], o[4],
                  o[5]);
    return buf;
}

// Every regular file below `folder` (hidden entries and linked folders left out). A folder or entry that
// cannot be read is named in `problems`, not skipped silently; the walk goes on with the rest.
void walkFolder(const fs::path& folder, std::vector<std::string>& found, Diagnostics& problems) {
    std::vector<fs::path> pending{folder};
    while (!pending.empty()) {
        const fs::path dir = pending.back();
        pending.pop_back();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.empty() || name[0] == '.') continue;
            std::error_code entryError;
            const fs::file_status link = it->symlink_status(entryError);
            if (fs::is_directory(link))
                pending.push_back(it->path());
            else if (it->is_regular_file(entryError))
                found.push_back(it->path().string());
        }
        if (ec)
            problems.push_back(Diagnostic::error(Diagnostic::Code::UnreadableFile, dir.string(),
                                                 "cannot read the folder (" + ec.message() + ")"));
    }
}

void collectFiles(const std::vector<std::string>& paths, std::vector<std::string>& files,
                  Diagnostics& problems) {
    for (const auto& p : paths) {
        std::error_code ec;
        const fs::file_status st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            problems.push_back(
                Diagnostic::error(Diagnostic::Code::UnreadableFile, p, "no such file or folder"));
            continue;
        }
        if (fs::is_regular_file(st)) {
            files.push_back(p);
            continue;
        }
        if (!fs::is_directory(st)) continue;
        std::vector<std::string> found;
        walkFolder(p, found, problems);
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
}

}  // namespace

bool StudyIndexer::isImageFileName(const std::string& path) {
    const std::string l = lower(path);
    for (const char* ext : {".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd", ".png", ".jpg", ".jpeg"})
        if (endsWith(l, ext)) return true;
    return false;
}

bool StudyIndexer::isIgnoredFileName(const std::string& path) {
    const std::string l = lower(path);
    for (const char* ext : {".txt", ".md", ".xml", ".csv", ".json", ".html", ".pdf", ".py", ".zip", ".gz",
                            ".raw", ".zraw", ".sh", ".ini", ".log", ".tsv", ".yaml", ".yml"})
        if (endsWith(l, ext)) return true;
    const std::string name = fs::path(l).filename().string();
    return name == "dicomdir" || name.rfind("license", 0) == 0 || name.rfind("readme", 0) == 0;
}

StudyIndex StudyIndexer::index(const std::vector<std::string>& paths, JobContext& job) {
    StudyIndex result;
    job.setStage(JobStage::Indexing, 0);
    std::vector<std::string> files;
    collectFiles(paths, files, result.problems);
    job.throwIfCancelled();

    std::vector<std::string> dicomCandidates;
    for (const auto& f : files) {
        if (isImageFileName(f)) {
            InputFiles::remember(f);
            SeriesEntry e;
            e.kind = SeriesEntry::Kind::ImageFile;
            e.uid = f;
            e.path = f;
            e.seriesDescription = fs::path(f).filename().string();
            result.series.push_back(std::move(e));
        } else if (!isIgnoredFileName(f)) {
            dicomCandidates.push_back(f);
        }
    }
    result.filesScanned = files.size();

    job.setStage(JobStage::ReadingHeaders, dicomCandidates.size());
    // In child processes: a file on which GDCM aborts or crashes is named and skipped, not fatal.
    std::vector<IsolatedHeaderReader::Outcome> outcomes = IsolatedHeaderReader::read(dicomCandidates, job);

    // Group by series UID, then by geometry; a multi-frame file is always a volume of its own.
    std::map<std::string, std::map<std::string, SeriesEntry>> groups;
    for (IsolatedHeaderReader::Outcome& outcome : outcomes) {
        if (!outcome.header) {
            result.problems.push_back(outcome.problem);
            continue;
        }
        const auto& h = *outcome.header;
        if (!h.hasImage) {
            result.problems.push_back(
                Diagnostic::error(Diagnostic::Code::UnsupportedFile, h.instance.path,
                                  h.modality.empty() ? "no pixel data" : "modality " + h.modality));
            continue;
        }
        if (h.instance.samplesPerPixel != 1 && h.instance.samplesPerPixel != 3) {
            // GDCM's image reader asserts (aborting the process) beyond 4 (found by fuzz_dicom_series).
            result.problems.push_back(Diagnostic::error(
                Diagnostic::Code::UnsupportedFile, h.instance.path,
                std::to_string(h.instance.samplesPerPixel) + " samples per pixel (1 or 3 are supported)"));
            continue;
        }
        const std::string seriesUid =
            h.seriesUid.empty() ? "(no series UID) " + h.instance.path : h.seriesUid;
        std::string key = geometryKey(h.instance);
        if (h.instance.frames > 1) key += "|" + h.instance.path;
        SeriesEntry& e = groups[seriesUid][key];
        if (e.instances.empty()) {
            e.kind = SeriesEntry::Kind::DicomSeries;
            e.uid = seriesUid;
            e.patientName = h.patientName;
            e.patientId = h.patientId;
            e.studyUid = h.studyUid;
            e.studyDescription = h.studyDescription;
            e.studyDate = h.studyDate;
            e.seriesDescription = h.seriesDescription;
            e.modality = h.modality;
            e.seriesNumber = h.seriesNumber;
            e.path = fs::path(h.instance.path).parent_path().string();
        }
        e.instances.push_back(h.instance);
    }

    std::vector<SeriesEntry> dicom;
    for (auto& [uid, byGeometry] : groups) {
        if (byGeometry.size() > 1) {
            int part = 1;
            // Largest part first keeps the plain UID, so the main volume is addressable by the series UID.
            std::vector<SeriesEntry*> parts;
            for (auto& [key, e] : byGeometry)
                parts.push_back(&e);
            std::stable_sort(parts.begin(), parts.end(), [](const SeriesEntry* a, const SeriesEntry* b) {
                return a->instances.size() > b->instances.size();
            });
            for (SeriesEntry* e : parts) {
                if (part > 1) e->uid = uid + "#" + std::to_string(part);
                result.problems.push_back(Diagnostic::warning(Diagnostic::Code::SplitSeries, e->uid, {},
                                                              double(byGeometry.size())));
                ++part;
                dicom.push_back(std::move(*e));
            }
        } else {
            dicom.push_back(std::move(byGeometry.begin()->second));
        }
    }
    std::stable_sort(dicom.begin(), dicom.end(), [](const SeriesEntry& a, const SeriesEntry& b) {
        return std::tie(a.patientName, a.patientId, a.studyDate, a.studyUid, a.seriesNumber, a.uid) <
               std::tie(b.patientName, b.patientId, b.studyDate, b.studyUid, b.seriesNumber, b.uid);
    });
    dicom.insert(dicom.end(), std::make_move_iterator(result.series.begin()),
                 std::make_move_iterator(result.series.end()));
    result.series = std::move(dicom);
    return result;
}

}  // namespace cadview
