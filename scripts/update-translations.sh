#!/bin/sh
# Refreshes translations/*.ts from every tr() in app/ and widgets/ (run after changing user-visible text).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none app widgets -ts translations/cadview_ko.ts
