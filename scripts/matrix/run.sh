#!/usr/bin/env bash
# The test matrix: the whole suite (`make test`) on Debian 12 (QGIS 3.22), Debian 13 (QGIS 3.40 LTR) and Debian
# unstable (QGIS 3.44), each in a clean root of Debian's own packages (scripts/matrix/roots.sh: cached in
# $KALTIM_ROOTS, default /var/cache/kaltim-qgis-roots, rebuilt when missing or when the package list changed).
#
#   scripts/matrix/run.sh [bookworm] [trixie] [sid]      (default: all three; `make test-matrix`)
#
# The working tree is copied into each root (its .venv, build/ and dist/ stay the root's own), `make test` runs
# there, and the log goes to matrix-logs/<suite>.log. Roots run one after another (two cores; the PostGIS and
# desktop tests use the machine). Exit status: 0 only when every version passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
ROOTS=${KALTIM_ROOTS:-/var/cache/kaltim-qgis-roots}
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(bookworm trixie sid)
LOGS=$REPO/matrix-logs
mkdir -p "$LOGS"

declare -A LABEL=([bookworm]="Debian 12" [trixie]="Debian 13" [sid]="Debian unstable")
summary=()
status=0
t_all=$SECONDS
for suite in "${SUITES[@]}"; do
  t0=$SECONDS
  log="$LOGS/$suite.log"
  : > "$log"
  if ! scripts/matrix/roots.sh ensure "$suite" 2>&1 | tee -a "$log"; then
    summary+=("$suite: root build FAILED (see $log)"); status=1; continue
  fi
  t_root=$((SECONDS - t0))
  dest="$ROOTS/$suite/root/kaltim-src"
  mkdir -p "$dest"
  rsync -a --delete --exclude /.venv --exclude /.venv-bench --exclude /build --exclude /dist --exclude /out \
    --exclude /matrix-logs --exclude .pytest_cache --exclude __pycache__ --exclude '/.git' "$REPO/" "$dest/"
  qgis=$(cat "$ROOTS/$suite/etc/kaltim-qgis-version")
  echo "== $suite (${LABEL[$suite]}, QGIS $qgis): make test" | tee -a "$log"
  t1=$SECONDS
  scripts/matrix/roots.sh run "$suite" "cd /root/kaltim-src && make test" >> "$log" 2>&1
  rc=$?
  t_test=$((SECONDS - t1))
  line=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -1 | sed -E 's/^=+ //; s/ =+$//')
  [ $rc -eq 0 ] || status=1
  summary+=("$suite (${LABEL[$suite]}, QGIS $qgis): ${line:-no pytest summary} [exit $rc; root ${t_root}s, tests ${t_test}s]")
done
echo
echo "Test matrix ($((SECONDS - t_all)) s in all):"
for s in "${summary[@]}"; do echo "  $s"; done
exit $status
