#!/bin/sh
# The README's first command: installs the Debian packages (idempotent), builds, and opens the bundled
# demo chest X-ray in the viewer with the bundled lung model's segmentation over it, next to the
# human-drawn lung mask (the AI panel shows their Dice). CADVIEW_DEMO=ct opens the bundled chest CT
# instead. Extra arguments go to cadview (e.g. --screenshot out.png).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
cxr="$here/resources/demo/cxr_02b76460"
if [ "${CADVIEW_DEMO:-cxr}" = ct ]; then
  set -- --demo --open "$here/resources/demo/ct_chest_A0001" "$@"
else
  set -- --demo --open "$cxr/image.jpg" --overlay "$cxr/lung_mask.png" --model cxr-lung-seg "$@"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no display; starting the viewer under Xvfb (add --screenshot FILE.png to see it)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$here/build/bin/cadview" "$@"
fi
# Debian's VTK uses GLX: under Wayland, run through XWayland.
[ -n "${WAYLAND_DISPLAY:-}" ] && export QT_QPA_PLATFORM=xcb
exec "$here/build/bin/cadview" "$@"
