// cadview-bench-make-series: builds the large synthetic-but-real CT series the loading benchmarks read.
#include <CLI/CLI.hpp>

#include <iostream>

#include "BenchPaths.h"
#include "SyntheticSeries.h"

int main(int argc, char** argv) {
    using namespace cadview::bench;
    SyntheticSeriesOptions options;
    options.sourceDir = chestCtDir();
    std::string output;

    CLI::App app{
        "Repeat the real slices of a CT series into a large regular series (for loading benchmarks)"};
    app.add_option("--source", options.sourceDir, "Folder of real single-frame CT slices")
        ->capture_default_str();
    app.add_option("--slices", options.slices, "Number of slices to write")->capture_default_str();
    app.add_option("--spacing", options.spacing, "Slice spacing along the normal (mm)")
        ->capture_default_str();
    app.add_option("--out", output, "Output folder (default /tmp/cadview-bench/ct<slices>)");
    app.add_flag("--force", options.force, "Rebuild even if the folder already holds the series");
    CLI11_PARSE(app, argc, argv);
    options.outputDir = output.empty() ? largeSeriesDir(options.slices) : output;

    try {
        const SyntheticSeriesResult r = SyntheticSeries::ensure(options);
        if (r.reused)
            std::cout << r.outputDir << ": already holds " << r.files
                      << " files; nothing to do (--force rebuilds)\n";
        else
            std::cout << r.outputDir << ": wrote " << r.files << " slices from " << r.sourceSlices
                      << " real slices in " << int(r.seconds * 1000) << " ms\n";
    } catch (const std::exception& e) {
        std::cerr << "cadview-bench-make-series: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
