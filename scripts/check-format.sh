#!/bin/sh
# Fails when a C++ file does not follow the checked-in .clang-format (run as a test).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
find core widgets app tests bench fuzz -name '*.cpp' -o -name '*.h' | xargs clang-format --dry-run --Werror
