#!/bin/sh
# Benchmark: a yearly report across a street of 100 communities sharing one
# ledger of 1,000,000 issues and 100,000 meetings over two years, every issue
# through its life (tests/bench/fill_street.cpp):
#   consult report --all --period 2026 --by community
# Target (issue 7): under 500 ms, and memory flat in the size of the ledger:
# the same report on a ledger a tenth the size is measured for comparison.
#
#   sh tests/bench/report.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-build}
N=${2:-1000000}
ROOT=$(pwd)
CONSULT=$ROOT/$BUILD/cmd/consult
FILL=$ROOT/$BUILD/tests/consult_bench_street
DIR=${BENCH_DIR:-/tmp/consult-bench}
CONF=$DIR/street
. "$ROOT/tests/bench/street.sh"
export CONSULT_CONFIG=$CONF/consult.toml CONSULT_ACTOR=bench
export CONSULT_NOW="2026-11-21 10:00"

# The ledgers (built once, kept in $DIR: filling a million issues takes a while).
for n in "$N" "$((N / 10))"; do
  db=$DIR/street-life-$n.db
  if [ ! -f "$db" ] || [ "$(sqlite3 "$db" 'PRAGMA user_version')" = 0 ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    "$FILL" "$db" "$CONSULT_CONFIG" "$n" "$((n / 10))" 2>&1 | tail -n 1
  fi
  "$CONSULT" --ledger "$db" -q init # brings an older one to the current schema
  echo "ledger $db: $(sqlite3 "$db" 'SELECT count(*) FROM issue') issues," \
    "$(sqlite3 "$db" 'SELECT count(*) FROM meeting') meetings," \
    "$(sqlite3 "$db" 'SELECT count(*) FROM event') events," \
    "$(sqlite3 "$db" 'SELECT count(*) FROM community') communities, $(du -h "$db" | cut -f1)"
done

for n in "$N" "$((N / 10))"; do
  db=$DIR/street-life-$n.db
  RUN="$CONSULT --ledger $db report --all --period 2026 --by community --format csv"
  hyperfine --shell=none --warmup 2 --runs "${RUNS:-10}" --export-json "$DIR/report-$n.json" \
    -n "report, $n issues" "$RUN" >/dev/null
  /usr/bin/time -f "%M" -o "$DIR/report-rss-$n.txt" $RUN >/dev/null
  python3 - "$DIR/report-$n.json" "$(cat "$DIR/report-rss-$n.txt")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{r['command']:<22} {r['mean'] * 1000:8.1f} ms ± {r['stddev'] * 1000:.1f}"
      f"  (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}; target < 500 ms);"
      f" peak RSS {int(sys.argv[2]) / 1024:.1f} MiB")
PY
done
