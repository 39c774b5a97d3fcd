#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "Commands.h"
#include "CsvText.h"
#include "ModelLoader.h"
#include "ProgressPrinter.h"
#include "image/HeatmapOverlay.h"
#include "io/AtomicFile.h"
#include "io/LoadError.h"
#include "io/PngWriter.h"
#include "io/StudyIndexer.h"
#include "io/VolumeLoader.h"

namespace cadview::cli {

namespace {

namespace fs = std::filesystem;

// One row of the CSV: an image file, or one DICOM series.
struct Item {
    std::string name;  // the CSV's path column
    SeriesEntry entry;
    std::string heatmapStem;  // heatmap files: <stem>_<label>.png
};

// Letters, digits, '-' and '.' kept; anything else becomes '_'.
std::string fileNamePart(const std::string& s) {
    std::string out;
    for (unsigned char c : s)
        out += std::isalnum(c) || c == '-' || c == '.' ? char(c) : '_';
    return out.empty() ? "_" : out;
}

// Image files are taken as they are (no header read); folders and DICOM files are indexed, one item per
// series found. Problems are printed; the count of inputs that gave nothing is returned.
int gatherItems(const std::vector<std::string>& inputs, std::vector<Item>& items) {
    int failures = 0;
    for (const std::string& path : inputs) {
        std::error_code ec;
        if (fs::is_regular_file(path, ec) && StudyIndexer::isImageFileName(path)) {
            Item item{path, {}, {}};
            item.entry.kind = SeriesEntry::Kind::ImageFile;
            item.entry.path = item.entry.uid = path;
            items.push_back(std::move(item));
            continue;
        }
        if (!fs::exists(path, ec)) {
            std::cerr << "cadview-cli: " << path << ": no such file or folder\n";
            ++failures;
            continue;
        }
        JobContext job;
        const StudyIndex index = StudyIndexer::index(path, job);
        for (const auto& p : index.problems)
            if (p.severity == Diagnostic::Severity::Error)
                std::cerr << "cadview-cli: " << describe(p) << "\n";
        if (index.series.empty()) {
            std::cerr << "cadview-cli: " << path << ": no images found\n";
            ++failures;
        }
        for (const SeriesEntry& s : index.series) {
            std::string name = s.kind == SeriesEntry::Kind::ImageFile ? s.path : path;
            if (s.kind == SeriesEntry::Kind::DicomSeries && index.series.size() > 1) name += "#" + s.uid;
            items.push_back({name, s, {}});
        }
    }
    // Heatmap file stems: the file's (or folder's) name, made unique with -2, -3...
    std::map<std::string, int> used;
    for (Item& item : items) {
        const fs::path p(item.entry.kind == SeriesEntry::Kind::ImageFile ? item.entry.path : item.name);
        std::string stem = p.filename().string();
        if (item.entry.kind == SeriesEntry::Kind::ImageFile) {
            stem = p.stem().string();
            if (fs::path(stem).extension() == ".nii") stem = fs::path(stem).stem().string();
        }
        stem = fileNamePart(stem);
        const int n = ++used[stem];
        item.heatmapStem = n == 1 ? stem : stem + "-" + std::to_string(n);
    }
    return failures;
}

// The CSV, written in input order as rows become ready (workers finish out of order).
class RowWriter {
  public:
    RowWriter(std::ostream& out, std::size_t rows) : out_(out), rows_(rows), ready_(rows, false) {}
    void set(std::size_t i, std::string row) {
        std::lock_guard lock(mutex_);
        rows_[i] = std::move(row);
        ready_[i] = true;
        while (next_ < rows_.size() && ready_[next_]) {
            if (!rows_[next_].empty()) out_ << rows_[next_] << "\n";
            rows_[next_].clear();
            ++next_;
        }
    }

  private:
    std::ostream& out_;
    std::vector<std::string> rows_;
    std::vector<bool> ready_;
    std::size_t next_ = 0;
    std::mutex mutex_;
};

}  // namespace

int runClassify(const ClassifyOptions& o) {
    std::vector<Item> items;
    int failures = gatherItems(o.inputs, items);
    if (items.empty()) {
        std::cerr << "cadview-cli: no images to classify\n";
        return 1;
    }
    ProgressPrinter progress(o.progress, "classify");
    JobContext loadJob(progress.callback());
    const auto runner =
        ModelLoader::load(o.model, o.modelDirs, o.threads, ModelManifest::Task::Classification, loadJob);
    const ModelManifest& m = runner->manifest();
    const bool heatmaps = !o.heatmapDir.empty();
    runner->setHeatmaps(heatmaps);

    AtomicFile::checkTarget(o.csv);  // refused before the work, not after it
    std::ostringstream csv;
    std::error_code ec;
    if (heatmaps && !fs::is_directory(o.heatmapDir, ec) && !fs::create_directories(o.heatmapDir, ec)) {
        std::cerr << "cadview-cli: " << o.heatmapDir << ": cannot create the folder (" << ec.message()
                  << ")\n";
        return 1;
    }
    csv << "path";
    for (const auto& l : m.labels)
        csv << "," << csvField(l.name);
    csv << "\n";
    std::vector<std::string> labelParts;
    for (const auto& l : m.labels)
        labelParts.push_back(fileNamePart(l.name));

    // Whole images on every worker (read, pre-process, heatmaps, PNG); the model's own calls take turns
    // inside ModelRunner, so while one worker runs the model the others decode and write.
    RowWriter rows(csv, items.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<int> failed{0};
    std::mutex errMutex;
    const auto work = [&] {
        for (std::size_t i = next++; i < items.size(); i = next++) {
            const Item& item = items[i];
            std::string row;
            try {
                JobContext job;
                LoadOptions load;
                load.threads = 1;
                const Volume image = VolumeLoader::load(item.entry, load, job);
                const InferenceResult r = runner->run(image, job);
                row = csvField(item.name);
                for (double p : r.probabilities)
                    row.append(",").append(csvNumber(p));
                if (heatmaps) {
                    const std::size_t slice = image.geometry().size[2] / 2;
                    const WindowLevel window = WindowPreset::initialFor(image);
                    for (std::size_t l = 0; l < r.heatmaps.size(); ++l) {
                        const Volume overlay = HeatmapOverlay::render(image, *r.heatmaps[l], slice, window);
                        const fs::path file =
                            fs::path(o.heatmapDir) / (item.heatmapStem + "_" + labelParts[l] + ".png");
                        PngWriter::write(overlay, file.string(), o.pngLevel);
                    }
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(errMutex);
                std::cerr << "cadview-cli: " << item.name << ": " << e.what() << "\n";
                ++failed;
                row.clear();
            }
            rows.set(i, row);
            const std::size_t finished = ++done;
            progress.print(std::to_string(finished) + "/" + std::to_string(items.size()) + " images",
                           finished == items.size());
        }
    };
    const unsigned workers =
        unsigned(std::min<std::size_t>(ModelLoader::resolveThreads(o.threads), items.size()));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    AtomicFile::write(o.csv, csv.str());
    if (failures + failed > 0) {
        std::cerr
            << "cadview-cli: " << failed << " of " << items.size() << " images could not be classified"
            << (failures > 0
                    ? std::string(", ").append(std::to_string(failures)).append(" inputs held no images")
                    : std::string())
            << "\n";
        return 1;
    }
    return 0;
}

}  // namespace cadview::cli
