#!/usr/bin/env bash
# The test matrix: the whole suite (`make test`) on Debian 12 (QGIS 3.22), Debian 13 (QGIS 3.40 LTR) and Debian
# unstable (QGIS 3.44), each in a clean root of Debian's own packages (scripts/matrix/roots.sh: cached in
# $KALTIM_ROOTS, default /var/cache/kaltim-qgis-roots, rebuilt when missing or when the package list changed).
#
#   scripts/matrix/run.sh [bookworm] [trixie] [sid]      (default: all three; `make test-matrix`)
#
# The working tree is copied into each root (its .venv, build/ and dist/ stay the root's own), `make test` runs
# there, and the log goes to matrix-logs/<suite>.log. Roots run one after another (two cores; the PostGIS and
# desktop tests use the machine); a lock per root keeps two checkouts on one machine from using a root at once.
# A pytest that died without its summary line (a crash in a native library) is run once more, and says so.
# Exit status: 0 when every version passed; 1 when a test failed on any version; 3 when no test failed but a root
# could not be built or locked (the machine cannot make Debian roots: no debootstrap, mirror or mount namespaces).
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
ROOTS=${KALTIM_ROOTS:-/var/cache/kaltim-qgis-roots}
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(bookworm trixie sid)
LOGS=$REPO/matrix-logs
mkdir -p "$LOGS" "$ROOTS"

declare -A LABEL=([bookworm]="Debian 12" [trixie]="Debian 13" [sid]="Debian unstable")
summary=()
status=0
roots_missing=0
total_passed=0
total_failed=0
t_all=$SECONDS

summary_line() { grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$1" | tail -1 | sed -E 's/^=+ //; s/ =+$//'; }
count() { echo "$1" | grep -oE "[0-9]+ $2" | head -1 | cut -d' ' -f1; }

run_suite() {  # runs with the root's lock held
  local suite=$1 log=$2 t0=$SECONDS
  scripts/matrix/roots.sh ensure "$suite" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || return 90
  echo "root_seconds=$((SECONDS - t0))" >> "$log.times"
  local dest="$ROOTS/$suite/root/kaltim-src"
  mkdir -p "$dest"
  rsync -a --delete --exclude /.venv --exclude /.venv-bench --exclude /.venv-oracle --exclude /.venv-oracle-itm --exclude /build --exclude /dist --exclude /out \
    --exclude /matrix-logs --exclude .pytest_cache --exclude __pycache__ --exclude '/.git' "$REPO/" "$dest/"
  local attempt rc
  for attempt in 1 2; do
    echo "== $suite (${LABEL[$suite]}, QGIS $(cat "$ROOTS/$suite/etc/kaltim-qgis-version")): make test" \
      "(attempt $attempt)" | tee -a "$log"
    scripts/matrix/roots.sh run "$suite" "cd /root/kaltim-src && make test" > "$log.run" 2>&1
    rc=$?
    cat "$log.run" >> "$log"
    if [ -n "$(summary_line "$log.run")" ] || [ "$attempt" = 2 ]; then
      break
    fi
    echo "!! $suite: pytest ended without a summary (exit $rc; crash below); running the suite once more" | tee -a "$log"
    grep -E "Fatal Python error|Segmentation|Aborted" -A3 "$log.run" | head -8 | tee -a "$log"
  done
  cp "$log.run" "$log.last"
  return $rc
}

for suite in "${SUITES[@]}"; do
  t0=$SECONDS
  log="$LOGS/$suite.log"
  : > "$log"; : > "$log.times"
  exec 9> "$ROOTS/$suite.lock"
  if ! flock -w 3600 9; then
    summary+=("$suite: could not lock $ROOTS/$suite.lock within an hour"); roots_missing=1; continue
  fi
  run_suite "$suite" "$log"
  rc=$?
  flock -u 9
  if [ $rc -eq 90 ]; then
    summary+=("$suite: root build FAILED (see $log)"); roots_missing=1; continue
  fi
  line=$(summary_line "$log.last")
  [ $rc -eq 0 ] || status=1
  p=$(count "$line" passed); f=$(count "$line" failed); e=$(count "$line" error)
  total_passed=$((total_passed + ${p:-0})); total_failed=$((total_failed + ${f:-0} + ${e:-0}))
  [ -n "$line" ] || total_failed=$((total_failed + 1))
  grep -E '^(FAILED|ERROR) ' "$log.last" | sed "s/^/  [$suite] /"
  root_s=$(sed -n 's/^root_seconds=//p' "$log.times")
  qgis=$(cat "$ROOTS/$suite/etc/kaltim-qgis-version" 2>/dev/null)
  summary+=("$suite (${LABEL[$suite]}, QGIS $qgis): ${line:-no pytest summary} [exit $rc; root ${root_s:-?} s, all $((SECONDS - t0)) s]")
done
echo
echo "Test matrix ($((SECONDS - t_all)) s in all):"
for s in "${summary[@]}"; do echo "  $s"; done
echo "matrix: $total_passed passed, $total_failed failed"
if [ $status -eq 0 ] && [ $roots_missing -eq 1 ]; then
  echo "matrix: INCOMPLETE: no test failed, but at least one root could not be built (see above)"
  exit 3
fi
exit $status
