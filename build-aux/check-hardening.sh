#!/bin/sh
# Sanitizers, leaks and fuzzing (issue 7):
#  1. builds with clang, -Db_sanitize=address,undefined and the fuzz
#     harnesses (build-hardening/), runs the unit, cli and robust suites there
#     with leak detection on;
#  2. runs valgrind memcheck on the core unit tests of a plain build
#     (no errors, no definite leaks);
#  3. runs each libFuzzer harness for FUZZ_SECONDS (60) on its seed corpus
#     (project-rows and merge mutate a valid project's rows through SQL).
# Ends with a summary line per part; exits non-zero if any part failed.
# Installs what it needs (clang, libclang-rt-14-dev, valgrind, llvm) when missing.
#
# Environment: FUZZ_SECONDS (default 60), HARDENING_BUILD (default
# build-hardening), PLAIN_BUILD (default build, set up if missing),
# HARDENING_SUITES (default "unit cli robust").
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

fuzz_seconds=${FUZZ_SECONDS:-60}
hbuild=${HARDENING_BUILD:-build-hardening}
pbuild=${PLAIN_BUILD:-build}
suites=${HARDENING_SUITES:-unit cli robust}
out="$hbuild/hardening"
summary=""
status=0

note () {
  summary="$summary$1
"
  echo "== $1"
}

# 0. Tools

missing=""
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v llvm-symbolizer >/dev/null 2>&1 || missing="$missing llvm"
[ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] ||
  ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
  missing="$missing libclang-rt-14-dev"
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing || exit 1
fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:strict_string_checks=0"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer || true)"

# 1. Sanitizers

if [ ! -d "$hbuild" ]; then
  CC=clang meson setup "$hbuild" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true \
    "-Dc_args=['-fsanitize=fuzzer-no-link', '-Wno-error=format-nonliteral']" -Dbuildtype=debugoptimized || exit 1
fi
ninja -C "$hbuild" || exit 1
mkdir -p "$out"

suite_args=""
for s in $suites; do suite_args="$suite_args --suite $s"; done
# shellcheck disable=SC2086
if meson test -C "$hbuild" $suite_args --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
     --no-rebuild > "$out/sanitizers.log" 2>&1; then
  note "sanitizers (address, undefined, leaks): $(grep -E '^(Ok|Fail|Timeout|Skipped):' "$out/sanitizers.log" | tr -s ' ' | tr '\n' ' ')- clean"
else
  status=1
  grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY" "$out/sanitizers.log" | head -20
  note "sanitizers: FAILED (see $out/sanitizers.log) $(grep -E '^(Ok|Fail|Timeout):' "$out/sanitizers.log" | tr -s ' ' | tr '\n' ' ')"
fi

# 2. valgrind memcheck on the core unit tests

[ -d "$pbuild" ] || meson setup "$pbuild" || exit 1
ninja -C "$pbuild" || exit 1
vg="valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite"
vg="$vg --show-leak-kinds=definite --num-callers=30 --suppressions=$top/tests/valgrind.supp"
if G_SLICE=always-malloc G_DEBUG=gc-friendly \
   meson test -C "$pbuild" --wrapper "$vg" --print-errorlogs --num-processes 2 --timeout-multiplier 10 \
     --no-rebuild --suite unit --suite robust project import codebook codings history connections \
     fuzz-replay-load-json fuzz-replay-import-text fuzz-replay-qdpx > "$out/valgrind.log" 2>&1; then
  note "valgrind memcheck: $(grep -E '^Ok:' "$out/valgrind.log" | tr -s ' ') core tests, no errors, no definite leaks"
else
  status=1
  grep -E "ERROR SUMMARY: [1-9]|definitely lost: [1-9]|FAIL" "$out/valgrind.log" | head -20
  note "valgrind memcheck: FAILED (see $out/valgrind.log)"
fi

# 3. Fuzzing, two harnesses at a time

run_fuzzer () {
  name=$1
  work="$out/corpus-$name"
  rm -rf "$work" && mkdir -p "$work" "$out/crashes"
  "$hbuild/tests/fuzz/fuzz-$name" "$work" "tests/fuzz/corpus-$name" \
    -max_total_time="$fuzz_seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -close_fd_mask=2 -artifact_prefix="$out/crashes/$name-" \
    > "$out/fuzz-$name.log" 2>&1
}

for pair in "load-json import-pdf" "import-text qdpx" "project-rows merge"; do
  for name in $pair; do
    run_fuzzer "$name" &
  done
  wait
done
for name in load-json import-pdf import-text qdpx project-rows merge; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz-$name.log" | tail -1)
  if ls "$out/crashes/$name-"* >/dev/null 2>&1; then
    status=1
    grep -E "ERROR|==[0-9]+==|runtime error| #[0-9]+ 0x" "$out/fuzz-$name.log" | grep -v "in fuzzer::" | head -24
    for crash in "$out/crashes/$name-"*; do
      echo "input (base64): $(base64 -w0 "$crash" | head -c 8000)"
    done
    note "fuzz-$name: CRASH after ${runs:-?} runs: $(ls "$out/crashes/$name-"* | tr '\n' ' ')(copy it to tests/fuzz/regressions/$name/)"
  else
    note "fuzz-$name: ${runs:-?} runs in ${fuzz_seconds} s, no crash"
  fi
done

echo
echo "Hardening summary:"
printf "%s" "$summary"
exit $status
