#pragma once

#include <string>

// Where the benchmarks find their data by default. CADVIEW_BENCH_DATA is set by bench/CMakeLists.txt
// from CADVIEW_SHARED_DATA (the real data, never copied into the repo).
#ifndef CADVIEW_BENCH_DATA
#define CADVIEW_BENCH_DATA "../shared/data"
#endif

namespace cadview::bench {

inline std::string sharedDataDir() {
    return CADVIEW_BENCH_DATA;
}
// The real 64-slice 512x512 chest CT the large series is made of.
inline std::string chestCtDir() {
    return sharedDataDir() + "/ct_chest_lung_petct/A0001_lung_kernel";
}
// Scratch space for generated series and converter outputs (outside the repo).
inline std::string scratchDir() {
    return "/tmp/cadview-bench";
}
inline std::string largeSeriesDir(int slices) {
    return scratchDir() + "/ct" + std::to_string(slices);
}

}  // namespace cadview::bench
