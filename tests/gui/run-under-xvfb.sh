#!/bin/sh
# Runs a GUI test on the current display, or under Xvfb when there is none.
# The user's settings and data are kept out: XDG folders live in a temporary
# directory that is removed afterwards.
set -u

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gloss-gui-test-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  export GDK_BACKEND=x11
  xvfb-run -a -s "-screen 0 1400x900x24" "$@"
else
  "$@"
fi
