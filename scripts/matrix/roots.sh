#!/usr/bin/env bash
# Clean Debian roots with Debian's own QGIS packages, for the test matrix (see scripts/matrix/run.sh).
#
#   scripts/matrix/roots.sh ensure SUITE   build the root of SUITE (bookworm|trixie|sid) unless a complete one is cached
#   scripts/matrix/roots.sh run SUITE CMD  run CMD (bash -c) inside the root, with /proc, /sys, /dev mounted
#                                          in a private mount namespace (nothing stays mounted afterwards)
#   scripts/matrix/roots.sh path SUITE     print the root's directory
#
# Roots live in $KALTIM_ROOTS (default /var/cache/kaltim-qgis-roots), outside the repo, so they survive between
# runs. A root is complete when its stamp matches the current recipe (this file's package list); else it is rebuilt.
# The host's package access is copied in: apt sources' mirror and apt.conf.d, pip configuration (/etc/pip.conf,
# /etc/xdg/pip, ~/.config/pip; PIP_* variables are passed through) and the CA bundle. Debian unstable's Release file
# may be past its Valid-Until date: that check is relaxed for the sid root only. Needs root and debootstrap.
set -euo pipefail

ROOTS=${KALTIM_ROOTS:-/var/cache/kaltim-qgis-roots}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RECIPE_VERSION=1

die() { echo "roots.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot)"

suite_ok() { case "$1" in bookworm|trixie|sid) return 0;; *) return 1;; esac; }

# The Debian packages `make test` needs, as scripts/setup.sh lists them, plus what a chroot lacks.
apt_packages() {
  sed -n '/^APT_PACKAGES="/,/"$/p' "$REPO/scripts/setup.sh" | tr -d '"' | sed 's/^APT_PACKAGES=//' | tr -s ' \n' ' '
  # gcc, python3-dev: the pycraf test oracle has no wheels for Python 3.13/3.14 (trixie, sid); pip builds it.
  echo " git rsync locales ca-certificates fonts-dejavu-core procps xfonts-base gcc python3-dev"
}

mirror() {
  # The host's Debian mirror (first URIs: line of a deb822 source or first deb line), else Debian's default.
  local m=""
  if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v -- '-security' | head -1 | awk '{print $2}')
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(grep -E '^deb ' /etc/apt/sources.list | grep -v -- '-security' | head -1 | awk '{print $2}')
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

stamp_want() { printf 'recipe=%s\nsuite=%s\npackages=%s\n' "$RECIPE_VERSION" "$1" "$(apt_packages)"; }

copy_host_config() {
  # Package access: apt.conf.d (mirror access, index options), pip configuration and the CA bundle.
  local dir=$1
  mkdir -p "$dir/etc/apt/apt.conf.d" "$dir/etc/ssl/certs" "$dir/etc/xdg" "$dir/root/.config"
  for f in /etc/apt/apt.conf.d/*; do
    case "$(basename "$f")" in 20packagekit|50appstream|02autoremove-postgresql|docker-*) continue;; esac
    # Release-date checks stay on (the sid root alone relaxes Valid-Until, see write_sources).
    grep -v -i -E 'Check-Valid-Until|Check-Date' "$f" > "$dir/etc/apt/apt.conf.d/$(basename "$f")" || true
  done
  [ -f /etc/pip.conf ] && cp -p /etc/pip.conf "$dir/etc/pip.conf"
  [ -d /etc/xdg/pip ] && { rm -rf "$dir/etc/xdg/pip"; cp -a /etc/xdg/pip "$dir/etc/xdg/pip"; }
  [ -d "$HOME/.config/pip" ] && { rm -rf "$dir/root/.config/pip"; cp -a "$HOME/.config/pip" "$dir/root/.config/pip"; }
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cp -pL /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/"
  true
}

write_sources() {
  local dir=$1 suite=$2 m
  m=$(mirror)
  rm -f "$dir/etc/apt/sources.list"
  mkdir -p "$dir/etc/apt/sources.list.d"
  {
    echo "Types: deb"; echo "URIs: $m"
    if [ "$suite" = sid ]; then echo "Suites: sid"; else echo "Suites: $suite $suite-updates"; fi
    echo "Components: main"; echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  } > "$dir/etc/apt/sources.list.d/debian.sources"
  if [ "$suite" = sid ]; then
    # Unstable's Release file can be past Valid-Until on a mirror snapshot; relax that for this root only.
    echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99kaltim-sid-valid-until"
  fi
}

# Run a command inside a root, in a private mount namespace.
in_root() {
  local dir=$1; shift
  local binds=""
  for d in /opt/wheels /opt/pypi /opt/pypi-more; do  # local wheel mirrors the host's pip configuration names
    [ -d "$d" ] && binds="$binds $d"
  done
  unshare --mount --propagation private -- bash -s "$dir" "$binds" "$@" <<'EOS'
set -e
dir=$1; binds=$2; shift 2
mount -t proc proc "$dir/proc"
mount --rbind /sys "$dir/sys"
mount --rbind /dev "$dir/dev"
mkdir -p "$dir/dev/shm" "$dir/tmp"
mount -t tmpfs -o mode=1777 tmpfs "$dir/dev/shm"
for d in $binds; do mkdir -p "$dir$d"; mount --bind -o ro "$d" "$dir$d"; mount -o remount,bind,ro "$dir$d" || true; done
[ -f /etc/resolv.conf ] && cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
env_pass=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb
          DEBIAN_FRONTEND=noninteractive)
while IFS='=' read -r k v; do
  case "$k" in PIP_*|CI|KALTIM_*|PYTEST_ADDOPTS) env_pass+=("$k=$v");; esac
done < <(env)
exec chroot "$dir" /usr/bin/env -i "${env_pass[@]}" bash -c "$*"
EOS
}

build() {
  local suite=$1 dir="$ROOTS/$1" tmp="$ROOTS/$1.building"
  mkdir -p "$ROOTS"
  rm -rf "$tmp"
  echo "roots.sh: building $suite root in $tmp (debootstrap from $(mirror))"
  local t0=$SECONDS
  debootstrap --variant=minbase --include=ca-certificates,apt-utils "$suite" "$tmp" "$(mirror)" \
    > "$ROOTS/$suite.debootstrap.log" 2>&1 || { tail -30 "$ROOTS/$suite.debootstrap.log"; die "debootstrap $suite failed"; }
  write_sources "$tmp" "$suite"
  copy_host_config "$tmp"
  # No daemons start inside the root while packages install.
  printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"; chmod +x "$tmp/usr/sbin/policy-rc.d"
  local pkgs; pkgs=$(apt_packages)
  in_root "$tmp" "apt-get update -qq && apt-get install -y -qq --no-install-recommends $pkgs" \
    > "$ROOTS/$suite.apt.log" 2>&1 || { tail -40 "$ROOTS/$suite.apt.log"; die "apt-get install in $suite failed"; }
  copy_host_config "$tmp"   # ca-certificates may have rewritten the bundle
  in_root "$tmp" "sed -i 's/^# *\(id_ID.UTF-8\)/\1/; s/^# *\(en_US.UTF-8\)/\1/' /etc/locale.gen && locale-gen >/dev/null; \
    apt-get clean; dpkg-query -W -f='\${Version}' qgis > /etc/kaltim-qgis-version; python3 --version" \
    >> "$ROOTS/$suite.apt.log" 2>&1 || die "post-install in $suite failed"
  stamp_want "$suite" > "$tmp/etc/kaltim-root.stamp"
  rm -rf "$dir"; mv "$tmp" "$dir"
  echo "roots.sh: $suite root ready: QGIS $(cat "$dir/etc/kaltim-qgis-version") in $((SECONDS - t0)) s"
}

ensure() {
  local suite=$1 dir="$ROOTS/$1"
  if [ -f "$dir/etc/kaltim-root.stamp" ] && [ "$(cat "$dir/etc/kaltim-root.stamp")" = "$(stamp_want "$suite")" ]; then
    echo "roots.sh: $suite root cached (QGIS $(cat "$dir/etc/kaltim-qgis-version"))"
    return 0
  fi
  if [ -f "$dir/etc/kaltim-root.stamp" ] && [ "$(head -2 "$dir/etc/kaltim-root.stamp")" = "$(stamp_want "$suite" | head -2)" ]; then
    # Same recipe, another package list: install what is new into the cached root instead of rebuilding it.
    echo "roots.sh: $suite root cached; installing the changed package list"
    if in_root "$dir" "apt-get update -qq && apt-get install -y -qq --no-install-recommends $(apt_packages) && apt-get clean" \
        >> "$ROOTS/$suite.apt.log" 2>&1; then
      stamp_want "$suite" > "$dir/etc/kaltim-root.stamp"
      return 0
    fi
    echo "roots.sh: installing into the cached $suite root failed (see $ROOTS/$suite.apt.log); rebuilding it"
  fi
  build "$suite"
}

cmd=${1:-}; suite=${2:-}
suite_ok "$suite" || die "usage: roots.sh ensure|run|path bookworm|trixie|sid [CMD]"
case "$cmd" in
  ensure) ensure "$suite" ;;
  path) echo "$ROOTS/$suite" ;;
  run) shift 2; [ -f "$ROOTS/$suite/etc/kaltim-root.stamp" ] || die "no $suite root; run: roots.sh ensure $suite"
       in_root "$ROOTS/$suite" "$@" ;;
  *) die "usage: roots.sh ensure|run|path bookworm|trixie|sid [CMD]" ;;
esac
