#!/usr/bin/env bash
# Quick start (a): install what is missing, build, and start Jinlin on the
# user's database ($XDG_DATA_HOME/jinlin/jinlin.db), filled with demo data
# the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build-aux/install-deps.sh
bash build-aux/build.sh

export JINLIN_LOCALEDIR="$PWD/build/po"
cli=./build/src/cli/jinlin-cli
db=$($cli --help | sed -n 's/^ *(default: \(.*\))$/\1/p')

if [ ! -s "$db" ]; then
  echo "First start: filling $db with demo data…"
  $cli demo --scale 1
fi

$cli summary

# Run from the build tree: point GLib at the compiled settings schema.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: start ./build/src/app/jinlin from a desktop session to see the app." >&2
  exit 0
fi
exec ./build/src/app/jinlin --db "$db"
