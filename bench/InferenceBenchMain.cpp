// cadview-bench-inference: end to end, file to overlay. Chest X-rays classified with Grad-CAM heatmaps by
// `cadview-cli classify --csv FILE --heatmaps DIR` against bench/python_classify.py (the same work done the
// ordinary way with python3-torch, numpy and PIL), each a separate process on the same images with the same
// TorchScript model, interleaved; then the cancel latency of the GUI-free inference job (ModelRunner on a
// worker thread). Both contenders' probabilities are compared: a benchmark of wrong answers is worthless.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "CancelProbe.h"
#include "ProcStatus.h"
#include "ProcessRunner.h"
#include "Table.h"
#include "inference/ModelManifest.h"

namespace fs = std::filesystem;

namespace cadview::bench {

namespace {

struct Options {
    int images = 420;
    int runs = 3;
    unsigned threads = 0;
    int pngLevel = 1;
    std::string source = sharedDataDir() + "/cxr_lung_seg/images";
    std::string cli;
    std::string python = CADVIEW_TORCH_PYTHON;
    std::string workDir = scratchDir() + "/inference";
    bool peer = true;
    bool cancel = true;
};

struct Contender {
    std::string name;
    std::string csv, heatmaps;
    std::vector<std::string> command;
    Samples wall;
};

void run(Contender& c, const std::string& log) {
    fs::remove_all(c.heatmaps);
    fs::remove(c.csv);
    const ProcessResult r = runProcess(c.command, log);
    if (!r.ok())
        throw std::runtime_error(c.name + " failed (exit " + std::to_string(r.exitCode) + ", signal " +
                                 std::to_string(r.signal) + "):\n" + r.output.substr(0, 2000));
    c.wall.add(r.wallSeconds);
}

// The input: the source images repeated (symbolic links 0000_<name>...) until there are `count`.
std::vector<std::string> makeImageList(const std::string& source, int count, const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(source))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(source + ": no images");
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<std::string> list;
    for (int i = 0; i < count; ++i) {
        const fs::path& f = files[std::size_t(i) % files.size()];
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%04d_", i);
        const fs::path link = fs::path(dir) / (prefix + f.filename().string());
        fs::create_symlink(fs::absolute(f), link);
        list.push_back(link.string());
    }
    return list;
}

std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');)
            cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

// Largest probability difference between the two CSVs; throws when rows or columns disagree.
double compareCsv(const std::string& a, const std::string& b) {
    const auto x = readCsv(a), y = readCsv(b);
    if (x.size() != y.size()) throw std::runtime_error(a + " and " + b + " have different row counts");
    double worst = 0;
    for (std::size_t r = 0; r < x.size(); ++r) {
        if (x[r].size() != y[r].size() || x[r][0] != y[r][0])
            throw std::runtime_error(a + " and " + b + " differ in row " + std::to_string(r));
        for (std::size_t c = 1; r > 0 && c < x[r].size(); ++c)
            worst = std::max(worst, std::abs(std::stod(x[r][c]) - std::stod(y[r][c])));
    }
    return worst;
}

std::size_t countFiles(const std::string& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        n += e.is_regular_file();
    return n;
}

Volume syntheticVolume(std::size_t nx, std::size_t ny, std::size_t nz, PixelType type) {
    ImageGeometry g;
    g.size = {nx, ny, nz};
    Volume v(g, type);
    std::uint32_t state = 7;
    for (std::size_t i = 0; i < v.voxelCount(); ++i) {
        state = state * 1664525u + 1013904223u;
        if (type == PixelType::UInt8)
            v.as<std::uint8_t>()[i] = std::uint8_t(state >> 24);
        else
            v.as<std::int16_t>()[i] = std::int16_t((state >> 8) % 201);
    }
    return v;
}

void cancelLatency(const std::string& models) {
    std::cout
        << "\nCancel latency of the GUI-free inference job (ModelRunner::run on a worker thread, cancelled "
           "from another after 10-700 ms; goal < 200 ms)\n";
    const std::vector<double> delays{0.01, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7};
    struct Case {
        std::string what, model;
        Volume image;
        bool occlusion;
    };
    std::vector<Case> cases;
    cases.push_back({"3D sliding windows, 256x256x96", "test-seg3d",
                     syntheticVolume(256, 256, 96, PixelType::Int16), false});
    cases.push_back(
        {"2D slices, 512x512x120", "test-seg2d", syntheticVolume(512, 512, 120, PixelType::Int16), false});
    cases.push_back({"occlusion saliency, ResNet-like, 1024x1024", "test-cls-resnet",
                     syntheticVolume(1024, 1024, 1, PixelType::UInt8), true});
    Table t({"job", "one run ms", "cancels timed", "median ms", "max ms", "finished first"});
    double worst = 0;
    for (Case& c : cases) {
        ModelManifest m = ModelManifest::load(models + "/" + c.model + "/manifest.json");
        if (c.occlusion) m.featureMapOutput.reset();
        const CancelProbe::Result r = CancelProbe::measure(m, c.image, delays);
        const bool any = !r.latency.empty();
        char median[32] = "-", max[32] = "-";
        if (any) {
            std::snprintf(median, sizeof median, "%.1f", r.latency.median() * 1000);
            std::snprintf(max, sizeof max, "%.1f", r.latency.max() * 1000);
            worst = std::max(worst, r.latency.max());
        }
        t.addRow({c.what, formatMs(r.runSeconds), std::to_string(r.latency.count()), median, max,
                  std::to_string(r.finishedFirst)});
    }
    t.print(std::cout);
    std::cout << "Goal: every cancel within 200 ms: " << (worst < 0.2 ? "met" : "MISSED") << "\n";
}

int runBench(const Options& o) {
    if (!fs::exists(o.cli))
        throw std::runtime_error(o.cli + ": not found (build cadview-cli, or pass --cli)");
    fs::create_directories(o.workDir);
    const std::string log = o.workDir + "/child.log";
    const std::string models = o.workDir + "/models";
    // Sleeping (passive) OpenMP threads for both contenders: cadview sets this itself before LibTorch is
    // loaded; the Python peer gets the same so a loaded machine does not favour either.
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    std::cerr << "writing the test models...\n";
    const ProcessResult made = runProcess(
        {o.python, std::string(CADVIEW_SOURCE_DIR) + "/tests/models/make_test_models.py", models}, log);
    if (!made.ok()) throw std::runtime_error("make_test_models.py failed:\n" + made.output);
    const std::vector<std::string> images = makeImageList(o.source, o.images, o.workDir + "/images");
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());

    const auto contenders = [&](const std::vector<std::string>& list) {
        Contender ours{"cadview-cli", o.workDir + "/ours.csv", o.workDir + "/ours-heatmaps", {}, {}};
        ours.command = {o.cli,         "classify",
                        "--model",     "test-cls-resnet",
                        "--model-dir", models,
                        "--csv",       ours.csv,
                        "--heatmaps",  ours.heatmaps,
                        "--threads",   std::to_string(threads),
                        "--png-level", std::to_string(o.pngLevel)};
        for (const auto& i : list)
            ours.command.insert(ours.command.end(), {"--input", i});
        Contender peer{"python", o.workDir + "/python.csv", o.workDir + "/python-heatmaps", {}, {}};
        peer.command = {o.python,      std::string(CADVIEW_SOURCE_DIR) + "/bench/python_classify.py",
                        "--model-dir", models,
                        "--model",     "test-cls-resnet",
                        "--csv",       peer.csv,
                        "--heatmaps",  peer.heatmaps,
                        "--threads",   std::to_string(threads),
                        "--png-level", std::to_string(o.pngLevel)};
        peer.command.insert(peer.command.end(), list.begin(), list.end());
        return std::make_pair(ours, peer);
    };

    std::cout
        << "cadview-bench-inference: " << images.size() << " chest X-rays from " << o.source
        << " (repeated), model test-cls-resnet (ResNet-like, 224x224 input, 2 sigmoid labels, Grad-CAM on "
           "its 14x14 features), "
        << threads << " threads, PNG zlib level " << o.pngLevel << ", " << o.runs
        << " runs after a warm-up\n";
    std::cout << "  ours: cadview-cli classify --model test-cls-resnet --csv F --heatmaps D --threads "
              << threads << " --input IMAGE...\n";
    if (o.peer)
        std::cout << "  peer: python_classify.py (python3-torch "
                  << "+ numpy + PIL), torch.set_num_threads(" << threads << ")\n";

    auto [warmOurs, warmPeer] = contenders(
        std::vector<std::string>(images.begin(), images.begin() + std::min<long>(10, long(images.size()))));
    std::cerr << "warm-up...\n";
    run(warmOurs, log);
    if (o.peer) run(warmPeer, log);
    auto [ours, peer] = contenders(images);
    for (int r = 0; r < o.runs; ++r) {
        std::cerr << "run " << (r + 1) << "/" << o.runs << "\n";
        run(ours, log);
        if (o.peer) run(peer, log);
    }

    const std::size_t expected = images.size() * 2;
    std::cout << "\nEnd to end, file to overlay: " << images.size() << " images -> CSV + " << expected
              << " heatmap PNGs (separate processes, wall from spawn to exit, medians)\n";
    Table t({"contender", "wall", "images/s", "heatmap PNGs"});
    const auto row = [&](const Contender& c) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.1f", double(images.size()) / c.wall.median());
        t.addRow({c.name, formatMs(c.wall.median()), rate, std::to_string(countFiles(c.heatmaps))});
    };
    row(ours);
    if (o.peer) row(peer);
    t.print(std::cout);
    std::cout << "  ours: " << describeMs(ours.wall) << "\n";
    bool ok = countFiles(ours.heatmaps) == expected;
    if (o.peer) {
        std::cout << "  python: " << describeMs(peer.wall) << "\n";
        const double worst = compareCsv(ours.csv, peer.csv);
        const double speed = peer.wall.median() / ours.wall.median();
        std::cout << "  largest probability difference ours vs python: " << worst << "\n";
        std::cout << "  speed-up (python time / ours): " << formatRatio(speed) << "\n";
        std::cout << "\nGoal: at least 1.5x the Python throughput: " << (speed >= 1.5 ? "met" : "MISSED")
                  << "\n";
        ok = ok && worst < 1e-5 && countFiles(peer.heatmaps) == expected;
    }
    if (images.size() == 420)
        std::cout << "Goal: 420 chest X-rays classified with heatmaps in under 30 s: "
                  << formatMs(ours.wall.median()) << ", " << (ours.wall.median() < 30 ? "met" : "MISSED")
                  << " (CheXNeXt, Rajpurkar et al. 2018: 420 in 90 s)\n";

    if (o.cancel) cancelLatency(models);
    return ok ? 0 : 3;
}

}  // namespace

}  // namespace cadview::bench

int main(int argc, char** argv) {
    using namespace cadview::bench;
    Options o;
    o.cli = siblingExecutable("cadview-cli", argv[0]);
    CLI::App app{"Classify chest X-rays with heatmaps: cadview-cli against plain Python; and cancel latency"};
    app.add_option("--images", o.images, "Images per run (the source images repeated)")
        ->capture_default_str();
    app.add_option("--runs", o.runs, "Timed runs per contender (after one warm-up)")->capture_default_str();
    app.add_option("--threads", o.threads, "Threads for both (0 = all cores)")->capture_default_str();
    app.add_option("--png-level", o.pngLevel, "zlib level of the heatmap PNGs, for both")
        ->capture_default_str();
    app.add_option("--source", o.source, "Folder of radiographs")->capture_default_str();
    app.add_option("--cli", o.cli, "cadview-cli to run")->capture_default_str();
    app.add_option("--python", o.python, "Python with torch, numpy and PIL")->capture_default_str();
    app.add_option("--work", o.workDir, "Scratch folder")->capture_default_str();
    bool noPeer = false, noCancel = false;
    app.add_flag("--no-peer", noPeer, "Skip the Python peer");
    app.add_flag("--no-cancel", noCancel, "Skip the cancel-latency measurement");
    CLI11_PARSE(app, argc, argv);
    o.peer = !noPeer;
    o.cancel = !noCancel;
    if (o.runs < 1) o.runs = 1;
    try {
        return runBench(o);
    } catch (const std::exception& e) {
        std::cerr << "cadview-bench-inference: " << e.what() << "\n";
        return 1;
    }
}
