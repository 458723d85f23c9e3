#!/usr/bin/env bash
# Installs what `make demo` / `make test` need on a fresh Debian 12 / Ubuntu machine, then the dev venv.
# Idempotent: does nothing that is already done. Needs root (or sudo) only when apt packages are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="qgis python3-qgis qgis-providers python3-gdal gdal-bin python3-numpy python3-scipy python3-numba python3-psycopg2
  postgresql postgresql-postgis
  python3-venv python3-pip xvfb xauth pyqt5-dev-tools qttools5-dev-tools poppler-utils make zip unzip"

missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

PY=/usr/bin/python3
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import qgis.core" 2>/dev/null; then
  echo "setup: creating .venv (with system site packages, so QGIS/GDAL are visible)"
  rm -rf .venv
  "$PY" -m venv --system-site-packages .venv
fi
stamp=.venv/.requirements-dev.sha
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned dev tools (requirements-dev.txt)"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
