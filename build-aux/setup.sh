#!/bin/sh
# Installs what Gloss needs to build, run and test on Debian 12, if missing.
# Run as root, or as a user who may use sudo.
set -eu

packages="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libpoppler-glib-dev
  libsqlite3-dev libjson-glib-dev libxml2-dev libzip-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev libfribidi-dev
  poppler-utils sqlite3 python3 libxml2-utils unzip desktop-file-utils appstream yelp-tools
  xvfb xauth dbus-x11 at-spi2-core libxtst-dev imagemagick librsvg2-common adwaita-icon-theme
  fonts-dejavu-core fonts-noto-core
  postgresql-15 postgresql-client-15 libpq-dev procps
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Please run as root, or install:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Recommended packages too: GTK needs them for its icons and input.
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $missing
