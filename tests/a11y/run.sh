#!/bin/bash
# Runs the AT-SPI test against the real app, in Chinese, on a small database:
#   run.sh JINLIN JINLIN-CLI LOCALEDIR SCHEMADIR SCRIPT
# under its own Xvfb and D-Bus session (the accessibility bus lives on the
# session bus). Exit codes follow meson: 0 pass, 77 skip, anything else fail.
set -u
app=$1 cli=$2 localedir=$3 schemadir=$4 script=$5
python=/usr/bin/python3

skip() { echo "SKIP: $*"; exit 77; }
"$python" -c 'import gi, pyatspi' 2>/dev/null || skip "$python cannot import pyatspi (apt install python3-pyatspi)"
for tool in xvfb-run dbus-run-session gsettings; do
  command -v "$tool" >/dev/null || skip "no $tool"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/jinlin.db

# A small city: two communities and one partner unit.
community=$("$cli" --db "$db" --json put community '{"name": "莲前社区", "district": "思明区"}' |
            "$python" -c 'import json, sys; print(json.load(sys.stdin)["id"])') || exit 1
"$cli" --db "$db" put community '{"name": "鼓浪屿社区", "district": "思明区"}' >/dev/null || exit 1
"$cli" --db "$db" put partner_unit "{\"community_id\": \"$community\", \"name\": \"厦门市思明区税务局\",
  \"unit_type\": \"party_gov\", \"status\": \"active\"}" >/dev/null || exit 1

# Tools write into $HOME (dconf, at-spi, mesa): keep them here. Exported
# before dbus-run-session so that the services it starts get them too.
export XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data XDG_RUNTIME_DIR=$tmp/run
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The names a Chinese screen reader speaks: the zh_CN translation from the
# build. zh_CN.UTF-8 when the machine has it; LANGUAGE does it otherwise.
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then export LANG=zh_CN.UTF-8; else export LANG=C.UTF-8; fi
export LANGUAGE=zh_CN JINLIN_LOCALEDIR=$localedir GSETTINGS_SCHEMA_DIR=$schemadir GSK_RENDERER=cairo
# The other UI tests turn accessibility off; this one needs it on.
unset GTK_A11Y NO_AT_BRIDGE GSETTINGS_BACKEND
export APP=$app DB=$db SCRIPT=$script PYTHON=$python

xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- bash -c '
  gsettings set org.gnome.desktop.interface toolkit-accessibility true
  JINLIN_SECTION=overview GSETTINGS_BACKEND=memory "$APP" --db "$DB" &
  pid=$!
  "$PYTHON" "$SCRIPT"; rc=$?
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  exit $rc' 2>&1 | grep -v -e 'Failed to set fd limit' -e 'dbus-daemon\[' -e 'SpiRegistry daemon'
rc=${PIPESTATUS[0]}
[ "$rc" = 0 ] || { echo "FAIL: the AT-SPI script exited with $rc"; exit 1; }

# What the app saved, read back through the core.
"$cli" --db "$db" --json list partner_unit --where 'name=思明区税务局' > "$tmp/units.json" || exit 1
"$python" - "$tmp/units.json" "$community" <<'PY' || exit 1
import json, sys
units = json.load(open(sys.argv[1]))
assert len(units) == 1, 'expected one unit named 思明区税务局, found %d' % len(units)
u = units[0]
expected = {'community_id': sys.argv[2], 'uscc': '91110000802100433B', 'liaison': '陈晓东',
            'liaison_phone': '0592-2345678', 'address': '厦门市思明区莲前西路2号', 'status': 'active'}
for field, value in expected.items():
    assert u.get(field) == value, '%s is %r, expected %r' % (field, u.get(field), value)
print('saved: ' + ', '.join('%s=%s' % (f, u[f]) for f in expected))
PY
echo "PASS"
