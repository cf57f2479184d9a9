#!/bin/sh
# Installs what is missing, builds Gloss and runs the whole test suite:
# unit, cli, gui (under Xvfb when there is no display) and robust, then the
# sanitizer, valgrind and fuzzing checks of build-aux/check-hardening.sh.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

./build-aux/setup.sh
[ -d build ] || meson setup build
ninja -C build

status=0
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1400x900x24" meson test -C build --print-errorlogs --num-processes 2 || status=$?
else
  meson test -C build --print-errorlogs --num-processes 2 || status=$?
fi

# Sanitizers (address, undefined, leaks), valgrind on the core tests and a
# short fuzzing run; GLOSS_QUICK_TESTS=1 leaves them out while developing.
hardening=skip
if [ "${GLOSS_QUICK_TESTS:-0}" != 1 ]; then
  if ./build-aux/check-hardening.sh; then hardening=ok; else hardening=fail; status=1; fi
fi

python3 - "$top/build/meson-logs/testlog.json" "$hardening" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
hardening = sys.argv[2]
if hardening == "ok":
    passed += 1
elif hardening == "fail":
    failed += 1
else:
    skipped += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
