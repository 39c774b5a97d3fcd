// cadview-bench-models: the bundled models' speed. For each model, on the test cases of its split:
//   - per-image latency: cadview's ModelRunner in process (pre-processing, the model, the result mapped
//     back onto the image's grid; file reading excluded) against the same work done the ordinary Python
//     way (bench/python_model_latency.py: the recipe's numpy/PIL/nibabel pre-processing, python3-torch),
//     medians over passes, interleaved;
//   - batch throughput: `cadview-cli evaluate` over the test cases (reading, inference, metrics), cases/s.
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "ProcessRunner.h"
#include "Table.h"
#include "inference/ModelRegistry.h"
#include "inference/ModelRunner.h"
#include "inference/TorchPlugin.h"
#include "io/VolumeLoader.h"

namespace fs = std::filesystem;

namespace cadview::bench {

namespace {

struct ModelCase {
    std::string name;
    std::vector<std::string> inputs;    // test images or volumes
    std::vector<std::string> evaluate;  // arguments of cadview-cli evaluate after --model
};

std::vector<std::string> splitTest(const std::string& model, const std::string& prefix,
                                   const std::string& suffix) {
    std::ifstream in(ModelRegistry::bundledModelDirectory() + "/" + model + "/split.json");
    nlohmann::json j;
    in >> j;
    std::vector<std::string> out;
    for (const auto& name : j.at("test"))
        out.push_back(prefix + name.get<std::string>() + suffix);
    return out;
}

std::vector<ModelCase> bundledCases(std::size_t pneumoniaImages) {
    const std::string data = sharedDataDir();
    const std::string models = ModelRegistry::bundledModelDirectory();
    std::vector<ModelCase> cases;
    ModelCase pn{"cxr-pneumonia", {}, {"--data", data + "/cxr_pneumoniamnist/val"}};
    std::vector<fs::path> files;
    for (const char* cls : {"normal", "pneumonia"})
        for (const auto& e : fs::directory_iterator(data + "/cxr_pneumoniamnist/val/" + cls))
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size() && pn.inputs.size() < pneumoniaImages; i += 7)
        pn.inputs.push_back(files[i].string());
    cases.push_back(pn);
    cases.push_back({"cxr-lung-seg",
                     splitTest("cxr-lung-seg", data + "/cxr_lung_seg/", ""),
                     {"--data", data + "/cxr_lung_seg", "--cases", models + "/cxr-lung-seg/split.json",
                      "--subset", "test", "--ignore", "127"}});
    cases.push_back({"lgg-flair-seg",
                     splitTest("lgg-flair-seg", data + "/mr_brain_lgg_flair/", "/flair.nii.gz"),
                     {"--data", data + "/mr_brain_lgg_flair", "--cases", models + "/lgg-flair-seg/split.json",
                      "--subset", "test"}});
    return cases;
}

double ourLatency(const ModelManifest& m, const std::vector<Volume>& images, int runs) {
    JobContext job;
    ModelRunner runner(m, TorchPlugin::backend(), job);
    runner.setHeatmaps(false);
    for (const Volume& v : images)
        runner.run(v, job);  // warm-up pass
    Samples s;
    for (int r = 0; r < runs; ++r)
        for (const Volume& v : images) {
            Stopwatch w;
            runner.run(v, job);
            s.add(w.seconds());
        }
    return s.median();
}

double pythonLatency(const std::string& python, const ModelCase& c, int runs, const std::string& log) {
    std::vector<std::string> argv{python, std::string(CADVIEW_SOURCE_DIR) + "/bench/python_model_latency.py",
                                  c.name, std::to_string(runs)};
    argv.insert(argv.end(), c.inputs.begin(), c.inputs.end());
    const ProcessResult r = runProcess(argv, log);
    if (!r.ok()) throw std::runtime_error("python_model_latency.py failed:\n" + r.output.substr(0, 2000));
    return std::stod(r.output.substr(r.output.find_last_of('\n', r.output.size() - 2) + 1));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cadview-bench-models: latency and throughput of the bundled models, against plain Python"};
    int runs = 3;
    std::size_t pneumoniaImages = 60;
    std::string python = CADVIEW_TORCH_PYTHON;
    std::string cli = (fs::path(argv[0]).parent_path() / "cadview-cli").string();
    app.add_option("--runs", runs, "Passes over the inputs (medians)")->capture_default_str();
    app.add_option("--python", python, "Python with torch, numpy, PIL and nibabel")->capture_default_str();
    std::vector<std::string> only;
    app.add_option("--model", only, "Only these models (default: every bundled one)");
    CLI11_PARSE(app, argc, argv);
    TorchPlugin::prepareEnvironment();
    fs::create_directories(scratchDir());
    const std::string log = scratchDir() + "/models-bench.log";

    const ModelRegistry registry = ModelRegistry::scan({ModelRegistry::bundledModelDirectory()});
    Table latency({"model", "test images", "cadview per image", "Python per image", "speed-up"});
    Table batch({"model", "cases", "cadview-cli evaluate", "cases/s"});
    for (const ModelCase& c : bundledCases(pneumoniaImages)) {
        if (!only.empty() && std::find(only.begin(), only.end(), c.name) == only.end()) continue;
        const ModelManifest& m = registry.find(c.name);
        std::vector<Volume> images;
        for (const std::string& path : c.inputs) {
            JobContext job;
            images.push_back(VolumeLoader::loadPath(path, "", {}, job));
        }
        Samples ours, peer;
        for (int r = 0; r < runs; ++r) {  // interleaved: noise hits both sides alike
            ours.add(ourLatency(m, images, 1));
            peer.add(pythonLatency(python, c, 1, log));
        }
        latency.addRow({c.name, std::to_string(images.size()), formatMs(ours.median()),
                        formatMs(peer.median()), formatRatio(peer.median() / ours.median())});

        std::vector<std::string> args{cli,    "evaluate", "--model",
                                      c.name, "--csv",    scratchDir() + "/models-bench.csv"};
        args.insert(args.end(), c.evaluate.begin(), c.evaluate.end());
        Samples wall;
        for (int r = 0; r < runs; ++r) {
            const ProcessResult pr = runProcess(args, log);
            if (!pr.ok())
                throw std::runtime_error("cadview-cli evaluate failed:\n" + pr.output.substr(0, 2000));
            wall.add(pr.wallSeconds);
        }
        std::ifstream csv(scratchDir() + "/models-bench.csv");
        std::size_t rows = 0;
        for (std::string line; std::getline(csv, line);)
            ++rows;
        const std::size_t n = rows > 0 ? rows - 1 : 0;
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.1f", double(n) / wall.median());
        batch.addRow({c.name, std::to_string(n), formatMs(wall.median()), rate});
    }
    std::cout << "Per-image latency (medians of " << runs << " interleaved passes; file reading excluded; "
              << TorchPlugin::backend().description() << ")\n";
    latency.print(std::cout);
    std::cout << "\nBatch: cadview-cli evaluate over the test cases (reading, inference, metrics; median of "
              << runs << " runs)\n";
    batch.print(std::cout);
    return 0;
}

}  // namespace cadview::bench

int main(int argc, char** argv) {
    try {
        return cadview::bench::main(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "cadview-bench-models: " << e.what() << "\n";
        return 1;
    }
}
