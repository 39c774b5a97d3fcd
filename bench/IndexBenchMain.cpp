// cadview-bench-index: what isolating GDCM in child processes costs when a folder is indexed. Both read every
// header of the same folder with DicomHeaderReader on all cores and group nothing:
//   ours: IsolatedHeaderReader (one forked child per core, results sent back over pipes), as StudyIndexer
//   does; peer: the same reader on threads in this process (parallelFor), as StudyIndexer did before, where a
//   file
//         on which GDCM aborts ends the process.
// Medians of --runs interleaved runs after one warm-up (files in the page cache). Goal: ours within 10%.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "BenchPaths.h"
#include "BenchStats.h"
#include "Table.h"
#include "io/DicomHeaderReader.h"
#include "io/IsolatedHeaderReader.h"
#include "jobs/ParallelFor.h"

namespace fs = std::filesystem;
using namespace cadview;
using namespace cadview::bench;

namespace {

std::vector<std::string> filesOf(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path().string());
    return files;
}

std::size_t isolated(const std::vector<std::string>& files) {
    JobContext job;
    std::size_t n = 0;
    for (const auto& o : IsolatedHeaderReader::read(files, job))
        n += o.header.has_value();
    return n;
}

std::size_t inProcess(const std::vector<std::string>& files) {
    JobContext job;
    std::vector<char> ok(files.size(), 0);
    parallelFor(files.size(), job, [&](std::size_t k) {
        Diagnostic problem;
        ok[k] = DicomHeaderReader::read(files[k], problem).has_value();
    });
    std::size_t n = 0;
    for (const char c : ok)
        n += std::size_t(c);
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 7;
    std::vector<std::string> dirs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else
            dirs.push_back(a);
    }
    if (dirs.empty()) dirs = {chestCtDir(), largeSeriesDir(600)};
    Table table({"folder", "files", "ours (isolated)", "in process", "ours / in process", "goal <= 1.10"});
    for (const std::string& dir : dirs) {
        if (!fs::is_directory(dir)) {
            std::cerr << dir << ": missing (cadview-bench-make-series builds the 600-slice series)\n";
            continue;
        }
        const std::vector<std::string> files = filesOf(dir);
        if (isolated(files) != inProcess(files)) {  // warm-up, and both must read the same headers
            std::cerr << dir << ": the two readers disagree\n";
            return 3;
        }
        Samples ours, peer;
        for (int r = 0; r < runs; ++r) {
            Stopwatch a;
            isolated(files);
            ours.add(a.seconds());
            Stopwatch b;
            inProcess(files);
            peer.add(b.seconds());
        }
        const double ratio = ours.median() / peer.median();
        table.addRow({dir, std::to_string(files.size()), describeMs(ours), describeMs(peer),
                      formatRatio(ratio), ratio <= 1.10 ? "met" : "MISSED"});
    }
    table.print(std::cout);
    return 0;
}
