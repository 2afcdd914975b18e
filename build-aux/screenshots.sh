#!/usr/bin/env bash
# Makes the README and AppStream screenshots under Xvfb, in Chinese, from a
# demo database: data/screenshots/<section>.png. Run after building:
#   bash build-aux/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out=data/screenshots
db=${JINLIN_SCREENSHOT_DB:-/tmp/jinlin-screenshots.db}
mkdir -p "$out"
if [ ! -s "$db" ]; then
  ./build/src/cli/jinlin-cli --db "$db" demo --scale 1 >/dev/null
fi

shoot() {
  local section=$1
  local tmp
  tmp=$(mktemp -d)
  JINLIN_SECTION=$section XDG_CONFIG_HOME=$tmp XDG_CACHE_HOME=$tmp GSETTINGS_SCHEMA_DIR=$PWD/build/data \
  GSETTINGS_BACKEND=memory GSK_RENDERER=cairo LANGUAGE=zh_CN LANG=C.UTF-8 \
  JINLIN_LOCALEDIR=$PWD/build/po GTK_A11Y=none \
  xvfb-run -a -s '-screen 0 1280x800x24' bash -c "
    ./build/src/app/jinlin --db '$db' &
    pid=\$!
    sleep 5
    import -window root '$tmp/full.png'
    kill \$pid" || true
  /usr/bin/convert "$tmp/full.png" -crop 1100x720+0+0 +repage "$out/$section.png"
  rm -rf "$tmp"
}

for section in overview organisation partners minutes evaluation; do
  shoot "$section"
done
ls -l "$out"
