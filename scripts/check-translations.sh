#!/bin/sh
# Fails when a translation is unfinished or obsolete, or when the sources hold user-visible text the
# .ts files do not have yet: lupdate is run on a copy of each file, which must come out fully translated.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
lupdate=/usr/lib/qt6/bin/lupdate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in translations/*.ts; do
  copy="$work/$(basename "$ts")"
  cp "$ts" "$copy"
  "$lupdate" -locations none app widgets -ts "$copy" > "$work/lupdate.log" 2>&1
  for kind in unfinished vanished obsolete; do
    n=$(grep -c "type=\"$kind\"" "$copy" || true)
    if [ "$n" -gt 0 ]; then
      echo "$ts: $n $kind entries (after lupdate on the current sources):"
      grep -B3 "type=\"$kind\"" "$copy" | sed -n 's/.*<source>\(.*\)/  \1/p' | head -20
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "translations complete"
exit "$status"
