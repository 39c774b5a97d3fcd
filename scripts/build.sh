#!/bin/sh
# Configures and builds cadview (Release) into build/; executables land in build/bin/.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jobs="${CADVIEW_JOBS:-2}"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$here/build" -j "$jobs"
