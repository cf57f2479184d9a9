#!/bin/sh
# make-sample.sh: builds the sample project that Gloss offers on first start
#
# Usage: make-sample.sh GLOSS_CLI OUTPUT.gloss TITLE SAMPLE.json DOCUMENT...
#
# Creates OUTPUT.gloss, imports the DOCUMENTs in the order given, then loads
# the coders, the codebook and the codings of SAMPLE.json, and hands it over
# with an empty undo history. The codings find
# their passages by phrase ("match"), so a phrase that the typeset PDFs no
# longer contain makes `gloss-cli load` fail, and with it the build: nothing
# half-made is left behind.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ "$#" -lt 5 ]; then
  echo "usage: $0 GLOSS_CLI OUTPUT.gloss TITLE SAMPLE.json DOCUMENT..." >&2
  exit 2
fi

cli=$1
out=$2
title=$3
json=$4
shift 4

tmp="${out%.gloss}-tmp.gloss"

fail () {
  echo "make-sample.sh: $1" >&2
  rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-journal"
  exit 1
}

rm -f "$out" "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-journal"

"$cli" init "$tmp" --title "$title" >/dev/null \
  || fail "gloss-cli init failed"
"$cli" import "$tmp" "$@" >/dev/null \
  || fail "gloss-cli import failed for: $*"
"$cli" load "$tmp" "$json" >/dev/null \
  || fail "gloss-cli load failed: a phrase of $json is no longer in the documents?"
"$cli" check "$tmp" >/dev/null \
  || fail "gloss-cli check found a problem in the sample project"
# Whoever opens the sample starts with an empty undo history: the first
# Ctrl+Z must not take back the whole build.
"$cli" hand-over "$tmp" \
  || fail "gloss-cli hand-over failed"

# The project is complete: only now does it take its final name.
for suffix in -wal -shm -journal; do
  if [ -e "$tmp$suffix" ]; then
    fail "$tmp$suffix left behind: the project was not closed cleanly"
  fi
done
# Readable by everyone once installed (SQLite creates its files 0600 here).
chmod 644 "$tmp"
mv "$tmp" "$out"
