#!/usr/bin/env bash
# Builds Jinlin for release in build-bench/ and runs every benchmark, then
# prints a table of their figures. Each figure is measured against a
# baseline in the same run; see the README's "Performance" section.
#
#   bash bench/run-all.sh            # the figures in the README (about 10 minutes,
#                                    # plus about 10 the first time, for the demo city)
#   bash bench/run-all.sh --quick    # small sizes, to check that everything runs
#
# The scale-10 demo database (bench-app-start), the 100,000 meetings
# (bench-search) and the server holding 100,000 estates
# (bench-mainloop-stall; pushing them takes minutes) are generated once
# into $JINLIN_BENCH_CACHE (default ~/.cache/jinlin-bench) and reused;
# delete that folder after changing the demo generator or the server's
# schema. bench-app-start and bench-mainloop-stall need xvfb-run and
# dbus-run-session.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${JINLIN_BENCH_BUILD:-build-bench}
cache=${JINLIN_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jinlin-bench}
quick=0
[ "${1:-}" = "--quick" ] && quick=1

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release
fi
ninja -C "$build"
mkdir -p "$cache"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
if [ $quick = 1 ]; then
  "$build/bench/bench-store-write" --rows 5000 --communities 10 | tee -a "$log"
  "$build/bench/bench-search" --meetings 5000 --rounds 2 | tee -a "$log"
  app_args=(--db "$cache/demo-scale1.db" --scale 1 --runs 2)
else
  "$build/bench/bench-store-write" | tee -a "$log"
  "$build/bench/bench-search" --db "$cache/search-v1-100000.db" | tee -a "$log"
  app_args=(--db "$cache/demo-scale10.db" --scale 10)
fi
# Sync: a real jinlin-server on 127.0.0.1 (not built with -Dserver=false).
if [ -x "$build/bench/bench-sync" ]; then
  if [ $quick = 1 ]; then
    "$build/bench/bench-sync" --changes 5000 | tee -a "$log"
    "$build/bench/bench-server-load" --clients 30 --communities 3 --seconds 5 | tee -a "$log"
  else
    "$build/bench/bench-sync" | tee -a "$log"
    "$build/bench/bench-server-load" | tee -a "$log"
  fi
else
  echo "bench-sync and bench-server-load not built (-Dserver=false)" | tee -a "$log"
fi
if [ $quick = 1 ]; then
  stall_args=(--rows 5000 --idle-seconds 2 --server-db "$cache/stall-server-v1-5000.db")
else
  stall_args=(--server-db "$cache/stall-server-v1-100000.db")
fi
if [ -x "$build/bench/bench-mainloop-stall" ]; then
  GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
    "$build/bench/bench-mainloop-stall" "${stall_args[@]}" 2>&1 | grep -v 'Failed to set fd limit' | tee -a "$log"
else
  echo "bench-mainloop-stall not built (needs -Dgui=true and -Dserver=true)" | tee -a "$log"
fi
if [ -x "$build/bench/bench-app-start" ]; then
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
    "$build/bench/bench-app-start" "${app_args[@]}" 2>&1 | grep -v 'Failed to set fd limit' | tee -a "$log"
else
  echo "bench-app-start not built (-Dgui=false)" | tee -a "$log"
fi

echo
echo "== summary (ratios are to the baseline measured in the same run)"
grep '^RESULT ' "$log" | sed 's/^RESULT //' |
  awk -F' [|] ' '{ printf "%-12s %-44s %12s  %s\n", $1, $2, $3, $4 }'
