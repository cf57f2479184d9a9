#!/bin/sh
# Installs what is missing, builds Gloss, and opens it on the bundled sample project.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

./build-aux/setup.sh
[ -d build ] || meson setup build
ninja -C build

sample="$top/build/data/sample/sample.gloss"
export GSETTINGS_SCHEMA_DIR="$top/build/data"
# The project file type (*.gloss), so that no file chooser opens a project to guess it
export XDG_DATA_DIRS="$top/build/data/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GLOSS_SAMPLE_PROJECT="$sample"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: here is the sample project through gloss-cli."
  ./build/src/cli/gloss-cli documents "$sample"
  ./build/src/cli/gloss-cli codes "$sample"
  ./build/src/cli/gloss-cli codings "$sample" | head -n 20
  exit 0
fi

# A copy, so that the bundled sample stays as built.
copy="${XDG_DATA_HOME:-$HOME/.local/share}/gloss/Sample project.gloss"
mkdir -p "$(dirname "$copy")"
[ -f "$copy" ] || cp "$sample" "$copy"
exec ./build/src/gui/gloss "$copy"
