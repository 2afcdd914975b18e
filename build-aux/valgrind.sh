#!/usr/bin/env bash
# Runs the core and store tests under valgrind's memcheck, in
# build-valgrind/ (a debug build); an invalid access or a definite leak
# fails the test. Not part of CI, which runs them under ASan instead:
#
#   bash build-aux/valgrind.sh              # all but the demo-city tests (about 15 minutes)
#   bash build-aux/valgrind.sh --all        # also demo and overview (hours)
#   bash build-aux/valgrind.sh store eval   # only these tests
set -uo pipefail
cd "$(dirname "$0")/.."

build=build-valgrind
if [ ! -f $build/build.ninja ]; then
  meson setup $build -Dbuildtype=debug -Dgui=false || exit 1
fi
ninja -C $build || exit 1

if [ $# -gt 0 ] && [ "$1" != "--all" ]; then
  tests=("$@")
else
  mapfile -t tests < <(meson test -C $build --list --suite core --suite store 2>/dev/null | sed -n 's/^.* \/ //p')
  if [ "${1:-}" != "--all" ]; then
    # These generate a whole demo city: many minutes each under valgrind.
    mapfile -t tests < <(printf '%s\n' "${tests[@]}" | grep -vx -e demo -e overview)
  fi
fi

# GLib's slice allocator would hide leaks from valgrind; gc-friendly clears
# pointers in freed memory so that a leak is not mistaken for reachable.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
meson test -C $build --print-errorlogs --timeout-multiplier 40 \
  --wrap "valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=30" \
  "${tests[@]}"
