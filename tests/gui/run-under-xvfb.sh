#!/bin/sh
# Runs a GUI test under its own Xvfb server, so that tests running side by
# side (one of them moving the pointer) cannot disturb each other; with
# GLOSS_TEST_USE_DISPLAY=1, or without Xvfb, on the current display.
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

if [ "${GLOSS_TEST_USE_DISPLAY:-0}" != 1 ] && command -v xvfb-run >/dev/null 2>&1; then
  unset DISPLAY WAYLAND_DISPLAY
  export GDK_BACKEND=x11
  # Start the search for a free server number at a place of our own, so
  # that servers started at the same moment do not pick the same one.
  xvfb-run -a -n $((100 + $$ % 800)) -s "-screen 0 1400x900x24" "$@"
else
  "$@"
fi
