// cadview-bench-convert: DICOM folder -> NIfTI, `cadview-cli convert DIR out.nii` against
// `dcm2niix -z n -f NAME -o OUTDIR DIR`, each run as a separate process: wall time and peak RSS (wait4),
// and a check that both wrote the same grid (NIfTI-1 dim[1..3] and pixdim[1..3], read by hand).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "NiftiHeader.h"
#include "ProcStatus.h"
#include "ProcessRunner.h"
#include "SyntheticSeries.h"
#include "Table.h"

namespace fs = std::filesystem;

namespace cadview::bench {

namespace {

struct Options {
    int runs = 5;
    int slices = 600;
    std::string series;
    std::string cli;
    std::string dcm2niix = "/usr/bin/dcm2niix";
    std::string workDir = scratchDir() + "/convert";
};

struct Converter {
    std::string name;
    std::vector<std::string> command;
    std::string outputDir;
    std::string output;  // the .nii it writes
    Samples wall, peak;
};

ProcessResult runOnce(Converter& c, const std::string& log) {
    fs::remove_all(c.outputDir);
    fs::create_directories(c.outputDir);
    ProcessResult r = runProcess(c.command, log);
    if (!r.ok() || !fs::exists(c.output))
        throw std::runtime_error(c.name + " failed (exit " + std::to_string(r.exitCode) + ", signal " +
                                 std::to_string(r.signal) + "):\n" + r.output);
    return r;
}

int run(const Options& o) {
    SyntheticSeriesOptions make;
    make.sourceDir = chestCtDir();
    make.outputDir = o.series;
    make.slices = o.slices;
    if (o.series == largeSeriesDir(o.slices)) SyntheticSeries::ensure(make);
    if (!fs::is_directory(o.series)) throw std::runtime_error(o.series + ": no such folder");
    if (!fs::exists(o.cli))
        throw std::runtime_error(o.cli + ": not found (build cadview-cli, or pass --cli)");
    if (!fs::exists(o.dcm2niix))
        throw std::runtime_error(o.dcm2niix + ": not found (apt-get install dcm2niix)");

    const std::string name = fs::path(o.series).filename().string();
    Converter ours{"cadview-cli", {}, o.workDir + "/ours", o.workDir + "/ours/" + name + ".nii", {}, {}};
    ours.command = {o.cli, "convert", o.series, ours.output};
    Converter peer{"dcm2niix", {}, o.workDir + "/dcm2niix", o.workDir + "/dcm2niix/" + name + ".nii", {}, {}};
    peer.command = {o.dcm2niix, "-z", "n", "-f", name, "-o", peer.outputDir, o.series};

    std::cout << "cadview-bench-convert: " << o.series << " (" << SyntheticSeries::countFiles(o.series)
              << " files), " << o.runs << " runs after 1 warm-up each\n";
    std::cout << "  ours: " << o.cli << " convert DIR " << ours.output << "\n";
    std::cout << "  peer: " << o.dcm2niix << " -z n -f " << name << " -o " << peer.outputDir << " DIR\n";

    const std::string log = o.workDir + "/child.log";
    fs::create_directories(o.workDir);
    std::cerr << "warm-up...\n";
    runOnce(ours, log);
    runOnce(peer, log);
    for (int r = 0; r < o.runs; ++r) {
        std::cerr << "run " << (r + 1) << "/" << o.runs << "\n";
        for (Converter* c : {&ours, &peer}) {
            const ProcessResult p = runOnce(*c, log);
            c->wall.add(p.wallSeconds);
            c->peak.add(p.peakBytes());
        }
    }

    std::cout
        << "\nDICOM -> NIfTI (separate processes; wall from spawn to wait4; peak = ru_maxrss; medians)\n";
    Table t({"converter", "wall ms", "peak RSS", "output"});
    std::string error;
    const auto oursHeader = NiftiHeader::read(ours.output, error);
    if (!oursHeader) throw std::runtime_error(error);
    const auto peerHeader = NiftiHeader::read(peer.output, error);
    if (!peerHeader) throw std::runtime_error(error);
    t.addRow({"ours (cadview-cli)", formatMs(ours.wall.median()), formatMiB(ours.peak.median()),
              oursHeader->describe()});
    t.addRow(
        {"dcm2niix", formatMs(peer.wall.median()), formatMiB(peer.peak.median()), peerHeader->describe()});
    t.print(std::cout);
    std::cout << "  ours: " << describeMs(ours.wall) << "\n  dcm2niix: " << describeMs(peer.wall) << "\n";

    const double speed = peer.wall.median() / ours.wall.median();
    const double memory = ours.peak.median() / peer.peak.median();
    const bool sameGrid = oursHeader->sameGrid(*peerHeader);
    std::cout << "  speed-up (dcm2niix time / ours): " << formatRatio(speed)
              << "\n  peak RSS ours / dcm2niix: " << formatRatio(memory)
              << "\n  same dimensions and spacing: " << (sameGrid ? "yes" : "no") << "\n";
    std::cout << "\nGoal: ours no slower than dcm2niix: " << (speed >= 1.0 ? "met" : "MISSED") << "\n";
    return sameGrid ? 0 : 3;
}

}  // namespace

}  // namespace cadview::bench

int main(int argc, char** argv) {
    using namespace cadview::bench;
    Options o;
    o.cli = siblingExecutable("cadview-cli", argv[0]);
    CLI::App app{"Convert a DICOM series to NIfTI with cadview-cli and with dcm2niix; print time and memory"};
    app.add_option("--runs", o.runs, "Timed repetitions per converter (after one warm-up)")
        ->capture_default_str();
    app.add_option("--slices", o.slices, "Slices of the synthetic series (built if missing)")
        ->capture_default_str();
    app.add_option("--series", o.series, "DICOM folder (default /tmp/cadview-bench/ct<slices>)");
    app.add_option("--cli", o.cli, "cadview-cli to run")->capture_default_str();
    app.add_option("--dcm2niix", o.dcm2niix, "dcm2niix to run")->capture_default_str();
    app.add_option("--work", o.workDir, "Scratch folder for the outputs")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    if (o.series.empty()) o.series = largeSeriesDir(o.slices);
    if (o.runs < 1) o.runs = 1;
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "cadview-bench-convert: " << e.what() << "\n";
        return 1;
    }
}
