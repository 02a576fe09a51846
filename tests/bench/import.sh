#!/bin/sh
# Benchmark: import a realistic suggestion-box CSV of N rows (default
# 1,000,000), as whole processes, against sqlite3's own CSV import of the same
# file into an empty table; then re-import it (all duplicates).
# Targets (issue 3): within 2x the sqlite3 wall time; peak memory under
# 100 MiB whatever the size; the re-import faster than the first import.
#
#   sh tests/bench/import.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-build}
N=${2:-1000000}
CONSULT=$(pwd)/$BUILD/cmd/consult
DIR=${BENCH_DIR:-/tmp/consult-bench}
mkdir -p "$DIR"
CSV=$DIR/box-$N.csv
[ -f "$CSV" ] || python3 tests/bench/make_box_csv.py "$N" > "$CSV"
export CONSULT_CONFIG=$(pwd)/examples/consult.toml CONSULT_LEDGER=$DIR/import-$N.db
export CONSULT_ACTOR=bench CONSULT_NOW="2026-11-21 10:00"
rm -f "$CONSULT_LEDGER" "$CONSULT_LEDGER-wal" "$CONSULT_LEDGER-shm" "$DIR/sqlite-$N.db"
"$CONSULT" -q init

measure() { # LABEL COMMAND...
  label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" </dev/null >/dev/null
  set -- $(cat "$DIR/time.txt")
  printf '%-34s %8.2f s  peak %6.1f MiB\n' "$label" "$1" "$(echo "$2 / 1024" | bc -l)"
  echo "$1" > "$DIR/last.txt"
}

echo "file: $CSV, $N rows, $(du -h "$CSV" | cut -f1)"
measure "sqlite3 .import --csv" sqlite3 -cmd ".import --csv $CSV t" "$DIR/sqlite-$N.db"
base=$(cat "$DIR/last.txt")
measure "consult import (first)" "$CONSULT" -q import "$CSV"
first=$(cat "$DIR/last.txt")
measure "consult import (again, duplicates)" "$CONSULT" -q import "$CSV"
again=$(cat "$DIR/last.txt")
# The floor under consult's figure: SQLite alone writing the rows the first
# import wrote (its event, items, issues and tallies) into a fresh ledger, with
# the ledger's settings (WAL, synchronous FULL, the same page cache) and its
# index handling (the issue indexes rebuilt after the rows). Plain SQL, no
# parsing, checking or hashing: what the storage alone costs. Foreign keys are
# off here: on, an INSERT … SELECT into a parent table looks each new row up in
# every child table, which consult's one-row inserts do not.
FLOOR=$DIR/floor-$N.db
seq=$(sqlite3 "$CONSULT_LEDGER" "SELECT min(seq) FROM event WHERE kind = 'issue.import'")
rm -f "$FLOOR" "$FLOOR-wal" "$FLOOR-shm"
CONSULT_LEDGER=$FLOOR "$CONSULT" -q init
indexes=$(sqlite3 "$FLOOR" "SELECT group_concat(s.sql, ';' || char(10)) FROM sqlite_schema s
  JOIN pragma_index_list('issue') l ON l.name = s.name WHERE l.partial = 0 AND s.sql IS NOT NULL")
drops=$(sqlite3 "$FLOOR" "SELECT group_concat('DROP INDEX ' || l.name, ';') FROM
  pragma_index_list('issue') l JOIN sqlite_schema s ON s.name = l.name
  WHERE l.partial = 0 AND s.sql IS NOT NULL")
cat > "$DIR/floor.sql" <<SQL
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -32768;
ATTACH '$CONSULT_LEDGER' AS src;
BEGIN IMMEDIATE;
$drops;
INSERT INTO event_item SELECT * FROM src.event_item WHERE seq = $seq ORDER BY n;
INSERT INTO issue SELECT * FROM src.issue WHERE import_seq = $seq ORDER BY id;
INSERT INTO report_month SELECT * FROM src.report_month WHERE n > 0;
$indexes;
INSERT INTO event SELECT * FROM src.event WHERE seq = $seq;
COMMIT;
SQL
measure "sqlite3 writing the same rows" sqlite3 "$FLOOR" -bail -init "$DIR/floor.sql" .quit
floor=$(cat "$DIR/last.txt")
[ "$(sqlite3 "$FLOOR" 'SELECT count(*) FROM issue')" = "$(sqlite3 "$CONSULT_LEDGER" \
  "SELECT count(*) FROM issue WHERE import_seq = $seq")" ] || { echo "floor: rows missing" >&2; exit 1; }

echo "ratio first/sqlite3: $(echo "$first / $base" | bc -l | cut -c1-5)x (target <= 2x);" \
  "re-import/first: $(echo "$again / $first" | bc -l | cut -c1-5) (target < 1);" \
  "sqlite3 writing the ledger's rows/sqlite3 .import: $(echo "$floor / $base" | bc -l | cut -c1-5)x"
echo "ledger: $(sqlite3 "$CONSULT_LEDGER" 'SELECT count(*) FROM issue') issues," \
  "$(du -h "$CONSULT_LEDGER" | cut -f1)"
