#!/usr/bin/env bash
# Quick start (b): install what is missing, build, and run the whole test
# suite. The last line is "N passed, N failed, N skipped", counted per GTest
# case from meson's testlog.json; the exit status is meson's.
set -uo pipefail
cd "$(dirname "$0")/.."
bash build-aux/install-deps.sh || exit 1
bash build-aux/build.sh || exit 1

rm -f build/meson-logs/testlog.json
meson test -C build --print-errorlogs "$@"
rc=$?
/usr/bin/python3 build-aux/count-tests.py build/meson-logs/testlog.json || rc=1
exit $rc
