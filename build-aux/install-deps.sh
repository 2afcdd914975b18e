#!/usr/bin/env bash
# Installs the Debian 12 packages Jinlin needs to build, run and test,
# skipping those already installed. Run as root (or with sudo).
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev valgrind
  libglib2.0-dev libglib2.0-dev-bin libsqlite3-dev libjson-glib-dev
  libsoup-3.0-dev glib-networking libsodium-dev libsecret-1-dev
  libgtk-4-dev libadwaita-1-dev gettext itstool yelp-tools appstream
  desktop-file-utils gsettings-desktop-schemas dconf-gsettings-backend
  xvfb xauth fonts-noto-cjk dbus at-spi2-core gnome-keyring imagemagick
  poppler-utils flatpak-builder
  python3
  # jinlin-server's PostgreSQL backend, and the throwaway clusters of
  # tests/pg-run.sh (the server is never started as a service).
  postgresql libpq-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installing: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
