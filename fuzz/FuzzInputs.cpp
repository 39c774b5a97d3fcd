#include "FuzzInputs.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "annotation/LabelTable.h"
#include "inference/ModelManifest.h"
#include "io/DicomHeaderReader.h"
#include "io/DicomSegReader.h"
#include "io/DicomSeriesReader.h"
#include "io/LabelMapFile.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"
#include "jobs/JobContext.h"
#include "pacs/DicomWebClient.h"
#include "pacs/MultipartReader.h"
#include "pacs/PacsQuery.h"

namespace cadview::fuzz {

namespace fs = std::filesystem;

namespace {

// A folder of this process's own under TMPDIR, emptied before every input.
const fs::path& scratchFolder() {
    static const fs::path folder = [] {
        std::string pattern = (fs::temp_directory_path() / "cadview-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
        return fs::path(pattern);
    }();
    static const bool removeAtExit = [] { return std::atexit([] { fs::remove_all(folder); }) == 0; }();
    (void)removeAtExit;
    for (const auto& entry : fs::directory_iterator(folder))
        fs::remove_all(entry.path());
    return folder;
}

std::string writeFile(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const std::string path = (scratchFolder() / name).string();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

LoadOptions fuzzOptions() {
    LoadOptions options;
    options.threads = 1;
    options.memoryLimitBytes = kMemoryLimitBytes;
    return options;
}

// Runs `f`; a std::runtime_error is the clear refusal every loader promises, anything else escapes.
template <typename F>
void refusalIsFine(F&& f) {
    try {
        f();
    } catch (const std::runtime_error&) {
    }
}

bool startsWith(const std::uint8_t* data, std::size_t size, const char* prefix) {
    const std::size_t n = std::strlen(prefix);
    return size >= n && std::memcmp(data, prefix, n) == 0;
}

// DICOM header, then the pixels of that one file as a series of one.
void dicomFile(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeFile("image.dcm", data, size);
    Diagnostic problem;
    const auto header = DicomHeaderReader::read(path, problem);
    if (!header || !header->hasImage) return;
    SeriesEntry series;
    series.uid = header->seriesUid;
    series.modality = header->modality;
    series.path = scratchFolder().string();
    series.instances.push_back(header->instance);
    refusalIsFine([&] {
        JobContext job;
        DicomSeriesReader::describe(series, fuzzOptions());
        DicomSeriesReader::read(series, fuzzOptions(), job);
    });
}

// Up to three files (split at kFileSeparator) indexed as a folder, every series found loaded.
void dicomSeries(const std::uint8_t* data, std::size_t size) {
    const fs::path folder = scratchFolder();
    const std::string separator = kFileSeparator;
    const char* begin = reinterpret_cast<const char*>(data);
    const char* end = begin + size;
    for (int file = 0; file < 3 && begin <= end; ++file) {
        const char* next = file == 2 ? end : std::search(begin, end, separator.begin(), separator.end());
        std::ofstream(folder / ("slice" + std::to_string(file)), std::ios::binary)
            .write(begin, std::streamsize(next - begin));
        begin = next + (next == end ? 0 : separator.size());
        if (next == end) break;
    }
    JobContext job;
    const StudyIndex index = StudyIndexer::index(folder.string(), job);
    for (const SeriesEntry& s : index.series)
        refusalIsFine([&] {
            VolumeLoader::describe(s, fuzzOptions());
            VolumeLoader::load(s, fuzzOptions(), job);
        });
}

// NIfTI, NRRD, MetaImage, PNG or JPEG, told apart by their first bytes (NIfTI when nothing else fits).
void imageFile(const std::uint8_t* data, std::size_t size) {
    const char* name = "image.nii";
    if (startsWith(data, size, "\x1f\x8b"))
        name = "image.nii.gz";
    else if (startsWith(data, size, "NRRD"))
        name = "image.nrrd";
    else if (startsWith(data, size, "ObjectType") || startsWith(data, size, "NDims"))
        name = "image.mha";
    else if (startsWith(data, size, "\x89PNG"))
        name = "image.png";
    else if (startsWith(data, size, "\xff\xd8"))
        name = "image.jpg";
    SeriesEntry entry;
    entry.kind = SeriesEntry::Kind::ImageFile;
    entry.path = entry.uid = writeFile(name, data, size);
    refusalIsFine([&] {
        JobContext job;
        VolumeLoader::load(entry, fuzzOptions(), job);
    });
}

// A label table: JSON when it starts with '{' (after blanks), an ITK-SNAP label file otherwise.
void labelTable(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    refusalIsFine([&] {
        const LabelTable t = first != std::string::npos && text[first] == '{' ? LabelTable::fromJson(text)
                                                                              : LabelTable::fromItkSnap(text);
        (void)t.toJson();
        (void)t.toItkSnap();
    });
}

void labelMapNrrd(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeFile("labels.nrrd", data, size);
    refusalIsFine([&] { LabelMapFile::read(path); });
}

void modelManifest(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    refusalIsFine([&] {
        const ModelManifest m = ModelManifest::parse(text, "/nonexistent/model/manifest.json");
        (void)m.toJson();
        (void)m.inputShape();
    });
}

void dicomSeg(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeFile("seg.dcm", data, size);
    refusalIsFine([&] { DicomSegReader::read(path); });
}

// What a PACS answers, from the network: the same bytes as a C-FIND response data set (implicit VR
// little endian, as DIMSE carries it), as a QIDO-RS JSON answer at study and series level, and as a
// WADO-RS multipart body whose first line is the Content-Type header value (fed 7 bytes at a time).
void pacsReplies(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    refusalIsFine([&] { (void)PacsQuery::fromResponseBytes(bytes); });
    const QueryFilter anyDate;
    refusalIsFine([&] { (void)DicomWebClient::studiesFromJson(bytes, anyDate); });
    refusalIsFine([&] { (void)DicomWebClient::seriesFromJson(bytes, anyDate); });
    const std::size_t eol = bytes.find('\n');
    if (eol == std::string::npos) return;
    const std::string boundary = MultipartReader::boundaryOf(bytes.substr(0, eol));
    if (boundary.empty()) return;
    std::size_t bodyBytes = 0;
    MultipartReader reader(boundary, [&](const std::string&, std::string& body) {
        bodyBytes += body.size();
        return true;
    });
    for (std::size_t at = eol + 1; at < bytes.size(); at += 7)
        if (!reader.feed(bytes.data() + at, std::min<std::size_t>(7, bytes.size() - at))) break;
}

}  // namespace

const std::vector<Target>& targets() {
    static const std::vector<Target> all{
        {"dicom_file", dicomFile},   {"dicom_series", dicomSeries},   {"image_file", imageFile},
        {"label_table", labelTable}, {"labelmap_nrrd", labelMapNrrd}, {"manifest", modelManifest},
        {"dicom_seg", dicomSeg},     {"pacs_replies", pacsReplies},
    };
    return all;
}

const Target* findTarget(const std::string& name) {
    for (const Target& t : targets())
        if (name == t.name) return &t;
    return nullptr;
}

}  // namespace cadview::fuzz
