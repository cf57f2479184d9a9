#!/bin/sh
# Fails when a file with translatable strings is missing from POTFILES.in,
# or when POTFILES.in names a file that does not exist.
# Usage: check-potfiles.sh SOURCE_ROOT
set -u
root=${1:?usage: check-potfiles.sh SOURCE_ROOT}
potfiles="$root/po/POTFILES.in"
status=0

listed=$(grep -v '^[[:space:]]*#' "$potfiles" | sed '/^[[:space:]]*$/d')

for f in $listed; do
  if [ ! -f "$root/$f" ]; then
    echo "POTFILES.in names a missing file: $f"
    status=1
  fi
done

cd "$root" || exit 1
candidates=$(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_)\(|translatable="yes"' \
               --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
               src ui data 2>/dev/null | sort)
for f in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done

[ $status -eq 0 ] && echo "POTFILES.in is complete"
exit $status
