#!/bin/sh
# Benchmark: a yearly report across a street of 100 communities sharing one
# ledger of 1,000,000 issues (the agenda benchmark's ledger, brought to the
# current schema):
#   consult report --all --period 2026 --by community
# Target (issue 7): under 500 ms, memory flat in the size of the ledger.
# Run tests/bench/agenda.sh first: it builds the ledger.
#
#   sh tests/bench/report.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-build}
N=${2:-1000000}
ROOT=$(pwd)
CONSULT=$ROOT/$BUILD/cmd/consult
DIR=${BENCH_DIR:-/tmp/consult-bench}
BASE=$DIR/street-$N.db
WORK=$DIR/report-work.db
[ -f "$BASE" ] || { echo "no $BASE: run tests/bench/agenda.sh first" >&2; exit 1; }
export CONSULT_CONFIG=$DIR/street/consult.toml CONSULT_ACTOR=bench
export CONSULT_NOW="2026-11-21 10:00"
rm -f "$WORK" "$WORK-wal" "$WORK-shm"
cp "$BASE" "$WORK"
"$CONSULT" --ledger "$WORK" -q init # brings it to the current schema
/usr/bin/time -f "%e s %M KiB" -o "$DIR/report-time.txt" \
  "$CONSULT" --ledger "$WORK" report --all --period 2026 --by community --format csv >/dev/null
echo "report --all --period 2026 --by community: $(cat "$DIR/report-time.txt")" \
  "(elapsed, peak RSS; target < 0.5 s)"
