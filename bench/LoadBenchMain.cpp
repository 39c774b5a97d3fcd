// cadview-bench-load: loading a DICOM series, ours (StudyIndexer + VolumeLoader, parallel decode) against
// plain ITK (GDCMSeriesFileNames + ImageSeriesReader + GDCMImageIO), measured side by side in one run:
// wall time (warm, in this process; cold, in fresh processes), time to the first slice, peak memory, and
// whether both produced the same voxels.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "ColdLoad.h"
#include "ItkSeriesLoader.h"
#include "OurSeriesLoader.h"
#include "ProcStatus.h"
#include "SyntheticSeries.h"
#include "Table.h"
#include "VolumeComparison.h"

namespace cadview::bench {

namespace {

struct Options {
    int runs = 5;
    int slices = 600;
    std::string largeDir;
    std::string chestDir = chestCtDir();
    unsigned threads = 0;
    bool cold = true;
};

struct SeriesFigures {
    std::string name;
    std::string dir;
    std::size_t slices = 0;
    // Warm: in this process, files in the page cache, heap already grown.
    Samples ours, oursIndex, itk;
    Samples previewSinceStart, previewSinceLoad;
    // Cold: one load per fresh process.
    std::vector<ColdLoad> oursCold, itkCold;
    VolumeComparison comparison;
};

std::string yesNo(bool b) {
    return b ? "yes" : "no";
}
std::string metOrMissed(bool b) {
    return b ? "met" : "MISSED";
}
std::string ms(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", seconds * 1000);
    return buf;
}

template <typename Get>
Samples collect(const std::vector<ColdLoad>& v, Get get) {
    Samples s;
    for (const auto& c : v)
        if (auto x = get(c)) s.add(*x);
    return s;
}
Samples coldSeconds(const std::vector<ColdLoad>& v) {
    return collect(v, [](const ColdLoad& c) { return std::optional<double>(c.loadSeconds); });
}
Samples aboveBaseline(const std::vector<ColdLoad>& v) {
    return collect(v, [](const ColdLoad& c) { return std::optional<double>(c.aboveBaseline()); });
}

// Cold loads first, while this process is small: a child's ru_maxrss includes the parent's footprint.
void runCold(SeriesFigures& f, const Options& o) {
    const std::string self = selfExecutablePath();
    const std::string log = scratchDir() + "/cold-child.log";
    for (int r = 0; r < o.runs; ++r) {
        std::cerr << "  " << f.name << ": cold run " << (r + 1) << "/" << o.runs << "\n";
        f.oursCold.push_back(ColdLoad::run(self, "ours", f.dir, log));
        f.itkCold.push_back(ColdLoad::run(self, "itk", f.dir, log));
    }
}

// One warm-up pair (fills the page cache, and its results are compared), then `runs` interleaved pairs
// so that both loaders see the same machine noise.
void runWarm(SeriesFigures& f, const Options& o) {
    {
        std::cerr << "  " << f.name << ": warm-up and voxel check\n";
        const OurLoadResult ours = OurSeriesLoader::load(f.dir, o.threads);
        const PeerVolume peer = ItkSeriesLoader::load(f.dir);
        f.comparison = VolumeComparison::compare(ours.volume, peer);
        f.slices = ours.volume.geometry().size[2];
    }
    for (int r = 0; r < o.runs; ++r) {
        std::cerr << "  " << f.name << ": warm run " << (r + 1) << "/" << o.runs << "\n";
        {
            const OurLoadResult ours = OurSeriesLoader::load(f.dir, o.threads);
            f.ours.add(ours.seconds);
            f.oursIndex.add(ours.indexSeconds);
            if (ours.previewSinceStart) f.previewSinceStart.add(*ours.previewSinceStart);
            if (ours.previewSinceLoad) f.previewSinceLoad.add(*ours.previewSinceLoad);
        }
        {
            const Stopwatch clock;
            const PeerVolume peer = ItkSeriesLoader::load(f.dir);
            f.itk.add(clock.seconds());
        }
    }
}

void printLoadTimes(const std::vector<SeriesFigures>& all, const Options& o) {
    std::cout << "\nLoad time, warm (in this process, median of " << o.runs
              << " runs after 1 warm-up; ours = index + load)\n";
    Table warm({"series", "slices", "ours ms", "(index ms)", "ITK ms", "speed-up", "voxels identical",
                "geometry identical"});
    for (const auto& f : all)
        warm.addRow({f.name, std::to_string(f.slices), ms(f.ours.median()), ms(f.oursIndex.median()),
                     ms(f.itk.median()), formatRatio(f.itk.median() / f.ours.median()),
                     yesNo(f.comparison.identicalVoxels), yesNo(f.comparison.sameGeometry)});
    warm.print(std::cout);
    for (const auto& f : all) {
        std::cout << "  " << f.name << ": ours " << describeMs(f.ours) << "; ITK " << describeMs(f.itk)
                  << "\n";
        if (!f.comparison.note.empty()) std::cout << "  " << f.name << ": " << f.comparison.note << "\n";
    }
    if (!o.cold) return;

    std::cout << "\nLoad time, cold (one load per fresh process, timed inside it; median of " << o.runs
              << ")\n";
    Table cold({"series", "ours ms", "ITK ms", "speed-up"});
    for (const auto& f : all) {
        const Samples ours = coldSeconds(f.oursCold), itk = coldSeconds(f.itkCold);
        cold.addRow({f.name, ms(ours.median()), ms(itk.median()), formatRatio(itk.median() / ours.median())});
    }
    cold.print(std::cout);
    for (const auto& f : all)
        std::cout << "  " << f.name << ": ours " << describeMs(coldSeconds(f.oursCold)) << "; ITK "
                  << describeMs(coldSeconds(f.itkCold)) << "\n";
}

void printPreview(const SeriesFigures& f, const Options& o) {
    std::cout << "\nFirst slice available while " << f.name << " loads (LoadOptions::onPreview; median)\n";
    const Samples coldLoad = collect(f.oursCold, [](const ColdLoad& c) { return c.previewSinceLoad; });
    const Samples coldStart = collect(f.oursCold, [](const ColdLoad& c) { return c.previewSinceStart; });
    Table t({"", "ours warm", "ours cold", "ITK (whole volume only)"});
    const std::string itk = formatMs(f.itk.median());
    t.addRow({"since the start of the load", formatMs(f.previewSinceLoad.median()),
              o.cold ? formatMs(coldLoad.median()) : "-", itk});
    t.addRow({"since the start of indexing", formatMs(f.previewSinceStart.median()),
              o.cold ? formatMs(coldStart.median()) : "-", itk});
    t.print(std::cout);
    if (f.previewSinceLoad.count() < std::size_t(o.runs))
        std::cout << "  note: onPreview fired in " << f.previewSinceLoad.count() << " of " << o.runs
                  << " warm runs\n";
}

void printMemory(const std::vector<SeriesFigures>& all, const Options& o) {
    std::cout << "\nPeak memory of one load (fresh process: ru_maxrss from wait4 minus the child's resident "
                 "size right before the load; median of "
              << o.runs << ")\n";
    Table t({"series", "loader", "voxel bytes", "baseline", "peak (ru_maxrss)", "above baseline",
             "x voxel bytes"});
    for (const auto& f : all) {
        for (const auto* v : {&f.oursCold, &f.itkCold}) {
            const ColdLoad& c = v->front();
            const double above = aboveBaseline(*v).median();
            t.addRow({f.name, v == &f.oursCold ? "ours" : "ITK", formatMiB(c.voxelBytes),
                      formatMiB(c.baselineBytes), formatMiB(c.maxRssBytes), formatMiB(above),
                      formatRatio(above / c.voxelBytes)});
        }
    }
    t.print(std::cout);
    for (const auto& f : all) {
        std::cout << "  " << f.name << ": ITK / ours peak above baseline "
                  << formatRatio(aboveBaseline(f.itkCold).median() / aboveBaseline(f.oursCold).median())
                  << "\n";
        for (const auto* v : {&f.oursCold, &f.itkCold})
            for (const auto& c : *v)
                if (c.maxRssInflated()) {
                    std::cout << "  note: ru_maxrss " << formatMiB(c.maxRssBytes)
                              << " exceeds the child's VmHWM " << formatMiB(c.childPeakBytes)
                              << " (inherited from the parent at spawn)\n";
                    break;
                }
    }
}

int printGoals(const std::vector<SeriesFigures>& all, const Options& o) {
    const SeriesFigures& f = all.front();
    std::cout << "\nGoals (" << f.name << ")\n";
    Table g({"goal", "figure", ""});
    const double warm = f.itk.median() / f.ours.median();
    g.addRow({"load >= 2x faster than ITK (warm)", formatRatio(warm), metOrMissed(warm >= 2.0)});
    double previewLoad = f.previewSinceLoad.median(), previewStart = f.previewSinceStart.median();
    if (o.cold) {
        const double cold = coldSeconds(f.itkCold).median() / coldSeconds(f.oursCold).median();
        g.addRow({"load >= 2x faster than ITK (cold)", formatRatio(cold), metOrMissed(cold >= 2.0)});
        previewLoad = std::max(
            previewLoad, collect(f.oursCold, [](const ColdLoad& c) { return c.previewSinceLoad; }).median());
        previewStart =
            std::max(previewStart,
                     collect(f.oursCold, [](const ColdLoad& c) { return c.previewSinceStart; }).median());
    }
    const bool fired = !f.previewSinceLoad.empty();
    g.addRow({"first slice < 500 ms from the load (worst of warm/cold)", formatMs(previewLoad),
              metOrMissed(fired && previewLoad < 0.5)});
    g.addRow({"first slice < 500 ms from indexing (worst of warm/cold)", formatMs(previewStart),
              metOrMissed(fired && previewStart < 0.5)});
    if (o.cold) {
        const double ratio = aboveBaseline(f.oursCold).median() / f.oursCold.front().voxelBytes;
        g.addRow({"peak memory <= 1.2x voxel bytes", formatRatio(ratio), metOrMissed(ratio <= 1.2)});
    }
    bool identical = true;
    for (const auto& s : all)
        identical = identical && s.comparison.identicalVoxels && s.comparison.sameGeometry;
    g.addRow({"same voxels and geometry as ITK (all series)", yesNo(identical), metOrMissed(identical)});
    g.print(std::cout);
    return identical ? 0 : 3;
}

int run(const Options& o) {
    std::cout << "cadview-bench-load: " << std::thread::hardware_concurrency() << " cores, decode threads "
              << (o.threads == 0 ? std::string("all") : std::to_string(o.threads)) << ", " << o.runs
              << " runs\n";

    SyntheticSeriesOptions make;
    make.sourceDir = o.chestDir;
    make.outputDir = o.largeDir;
    make.slices = o.slices;
    const SyntheticSeriesResult made = SyntheticSeries::ensure(make);
    std::cout << "large series: " << made.outputDir << " (" << made.files << " files"
              << (made.reused ? ", already there" : ", just written") << ")\n";
    std::cout << "chest CT:     " << o.chestDir << "\n";
    std::filesystem::create_directories(scratchDir());

    std::vector<SeriesFigures> all(2);
    all[0].name = "ct" + std::to_string(o.slices) + " (synthetic)";
    all[0].dir = o.largeDir;
    all[1].name = "chest CT (real)";
    all[1].dir = o.chestDir;
    if (o.cold)
        for (auto& f : all)
            runCold(f, o);
    for (auto& f : all)
        runWarm(f, o);

    printLoadTimes(all, o);
    printPreview(all.front(), o);
    if (o.cold) printMemory(all, o);
    return printGoals(all, o);
}

}  // namespace

}  // namespace cadview::bench

int main(int argc, char** argv) {
    using namespace cadview::bench;
    Options o;
    std::vector<std::string> child;

    CLI::App app{
        "Load a DICOM series with cadview and with plain ITK; print times, memory and a voxel check"};
    app.add_option("--runs", o.runs, "Repetitions per loader (after one warm-up)")->capture_default_str();
    app.add_option("--slices", o.slices, "Slices of the synthetic series (built if missing)")
        ->capture_default_str();
    app.add_option("--large", o.largeDir,
                   "Folder of the synthetic series (default /tmp/cadview-bench/ct<slices>)");
    app.add_option("--chest", o.chestDir, "Real chest CT folder")->capture_default_str();
    app.add_option("--threads", o.threads, "Our decode threads in warm runs (0 = all cores)")
        ->capture_default_str();
    app.add_flag("!--no-cold", o.cold, "Skip the fresh-process loads (cold time and peak memory)");
    app.add_option(ColdLoad::kChildFlag, child, "internal: LOADER DIR")->expected(2)->group("");
    CLI11_PARSE(app, argc, argv);

    if (!child.empty()) return ColdLoad::childMain(child[0], child[1]);
    if (o.largeDir.empty()) o.largeDir = largeSeriesDir(o.slices);
    if (o.runs < 1) o.runs = 1;
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "cadview-bench-load: " << e.what() << "\n";
        return 1;
    }
}
