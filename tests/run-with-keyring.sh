#!/bin/sh
# Runs a test under a private session bus with an unlocked gnome-keyring
# (TOOLCHAIN.md §10), so libsecret has a Secret Service to talk to. The XDG
# dirs are temporary: nothing reaches the user's own keyring.
set -u
T=$(mktemp -d)
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
dbus-run-session -- sh -c '
  eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets)"
  JINLIN_TEST_KEYRING=1 exec "$@"' sh "$@"
rc=$?
rm -rf "$T"
exit $rc
