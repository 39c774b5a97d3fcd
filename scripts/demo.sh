#!/bin/sh
# The README's first command: installs the Debian packages (idempotent), builds, and opens the bundled
# demo study (a real chest CT) in the viewer. Extra arguments go to cadview (e.g. --screenshot out.png).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no display; starting the viewer under Xvfb (add --screenshot FILE.png to see it)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$here/build/bin/cadview" --demo --open "$here/resources/demo/ct_chest_A0001" "$@"
fi
# Debian's VTK uses GLX: under Wayland, run through XWayland.
[ -n "${WAYLAND_DISPLAY:-}" ] && export QT_QPA_PLATFORM=xcb
exec "$here/build/bin/cadview" --demo --open "$here/resources/demo/ct_chest_A0001" "$@"
