#!/bin/bash
# Builds core, cadview-cli and their tests with sanitizers (GCC, -O1 -g1) and runs the suites that are
# practical under them:
#   scripts/test-sanitizers.sh [address|thread|all] [CTEST_ARGS...]      (default: address)
#   address  build-asan, -DCADVIEW_SANITIZE=address,undefined: ctest labels core and cli
#   thread   build-tsan, -DCADVIEW_SANITIZE=thread: the tests that run our threads (TSAN_TESTS below)
# Any finding fails its test. Suppressions (third-party code only) are in tests/sanitizers/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-address}
[ $# -gt 0 ] && shift
jobs=${CADVIEW_JOBS:-2}
supp=$here/tests/sanitizers

build() {  # build DIR SANITIZERS
    nice -n 10 cmake -S "$here" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
        -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ -DCADVIEW_SANITIZE="$2" >/dev/null
    nice -n 10 cmake --build "$1" -j "$jobs"
}

run_address() {
    local dir=$here/build-asan
    build "$dir" address,undefined
    # LeakSanitizer: our own list plus the fuzzers' list of ITK/DCMTK error-path leaks.
    cat "$here/fuzz/lsan.supp" "$supp/lsan.supp" >"$dir/lsan.supp"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
    export LSAN_OPTIONS=suppressions=$dir/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp
    cd "$dir"
    nice -n 10 ctest --output-on-failure -j "$jobs" -L '^core$' "$@"
    # LeakSanitizer's exit-time scan crashes (signal 11 in its tracer) in a cadview-cli that has loaded
    # the uninstrumented LibTorch, so the CLI runs check memory errors and UB without leak detection.
    ASAN_OPTIONS=${ASAN_OPTIONS/detect_leaks=1/detect_leaks=0} nice -n 10 ctest --output-on-failure -j "$jobs" -L '^cli$' "$@"
}

# Tests that run work on several threads: the job context and cancellation, parallel indexing and
# decoding of DICOM series, the model runner's concurrent runs and cancellation.
# Cancel.SlidingWindows3DDuring{Pre,Post}processing are left out: TSan slows the 3D pre- and
# post-processing loops past the tests' 200 ms cancel-latency bound (a timing check, not a finding).
# Cancel.OcclusionSaliency too: on OpenBLAS's OpenMP threads one occlusion batch under TSan can take
# 0.5 s, past the same bound (the normal build keeps the bound).
TSAN_TESTS='^(JobContext|ParallelFor|StudyIndexer|ChestCt|HeadMr|ConcurrentRun|Cancel)\.'
TSAN_SKIP='^Cancel\.(SlidingWindows3DDuring(Pre|Post)processing|OcclusionSaliency)$'

run_thread() {
    local dir=$here/build-tsan
    build "$dir" thread
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp"
    cd "$dir"
    nice -n 10 ctest --output-on-failure -j "$jobs" -R "$TSAN_TESTS" -E "$TSAN_SKIP" "$@"
}

case $mode in
    address) run_address "$@" ;;
    thread) run_thread "$@" ;;
    all) (run_address "$@") && run_thread "$@" ;;
    *) echo "usage: $0 [address|thread|all] [CTEST_ARGS...]" >&2; exit 2 ;;
esac
