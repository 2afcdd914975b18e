#!/bin/sh
# A short libFuzzer run for meson test: fuzz-smoke.sh FUZZER OUT-DIR CORPUS SECONDS
# New inputs go to OUT-DIR (in the build tree), never into the source
# corpus; a crash is written there as crash-* and fails the test. Copy it
# into tests/fuzz/corpus/<target>/ to make it a regression test.
set -eu
fuzzer=$1 out=$2 corpus=$3 seconds=$4
mkdir -p "$out"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out" "$corpus"
