#!/bin/sh
# Benchmark: the weekly cron job over a street of 100 communities sharing one
# ledger of 1,000,000 issues (10,000 each, one in ten accepted):
#   consult agenda --week next --all --out-dir DIR
# first run (plans 200 meetings, 100 with automatic agendas, writes 4 formats,
# indexes and 100 calendar feeds) and an idempotent second run.
# Target (issue 4): under 1 s.
#
#   sh tests/bench/agenda.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-build}
N=${2:-1000000}
ROOT=$(pwd)
CONSULT=$ROOT/$BUILD/cmd/consult
FILL=$ROOT/$BUILD/tests/consult_bench_fill
DIR=${BENCH_DIR:-/tmp/consult-bench}
CONF=$DIR/street
. "$ROOT/tests/bench/street.sh"

BASE=$DIR/street-$N.db
WORK=$DIR/street-work.db
export CONSULT_CONFIG=$CONF/consult.toml CONSULT_ACTOR=bench
export CONSULT_NOW="2026-11-21 10:00" # a Saturday: next week is 2026-W48
if [ ! -f "$BASE" ] || [ "$(sqlite3 "$BASE" 'SELECT count(*) FROM issue')" -lt "$N" ]; then
  rm -f "$BASE" "$BASE-wal" "$BASE-shm"
  "$FILL" "$BASE" "$CONSULT_CONFIG" "$N"
fi
echo "ledger: $(sqlite3 "$BASE" 'SELECT count(*) FROM issue') issues in" \
  "$(sqlite3 "$BASE" 'SELECT count(*) FROM community') communities," \
  "$(sqlite3 "$BASE" "SELECT count(*) FROM issue WHERE status = 'accepted'") accepted," \
  "$(du -h "$BASE" | cut -f1)"

fresh() { rm -rf "$DIR/agenda-out" "$WORK-wal" "$WORK-shm"; cp "$BASE" "$WORK"; }
RUN="$CONSULT --ledger $WORK -q agenda --week next --all --out-dir $DIR/agenda-out"
hyperfine --shell=none --runs "${RUNS:-5}" --prepare "sh -c '$(echo "rm -rf $DIR/agenda-out $WORK-wal $WORK-shm; cp $BASE $WORK")'" \
  --export-json "$DIR/agenda-first.json" -n "agenda --all, first run" "$RUN" >/dev/null
fresh
/usr/bin/time -f "%e s %M KiB" -o "$DIR/agenda-time.txt" $RUN
echo "first run: $(cat "$DIR/agenda-time.txt") (elapsed, peak RSS);" \
  "$(sqlite3 "$WORK" 'SELECT count(*) FROM meeting') meetings," \
  "$(sqlite3 "$WORK" 'SELECT count(*) FROM meeting_item') agenda items," \
  "$(ls "$DIR/agenda-out" | wc -l) files"
hyperfine --shell=none --warmup 2 --runs "${RUNS:-10}" --export-json "$DIR/agenda-again.json" \
  -n "agenda --all, second run (idempotent)" "$RUN" >/dev/null

python3 - "$DIR/agenda-first.json" "$DIR/agenda-again.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:<44} {r['mean'] * 1000:8.1f} ms ± {r['stddev'] * 1000:.1f}"
              f"  (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}; target < 1000 ms)")
PY
