#!/bin/sh
# The README's test command: builds everything and runs all tests (core, CLI, and the GUI tests under
# Xvfb, which Qt 6.4 needs to host OpenGL widgets). Real data is read from ../shared/data.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/build.sh"
cd "$here/build"
export QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1600x1200x24" ctest --output-on-failure -j 2 "$@"
