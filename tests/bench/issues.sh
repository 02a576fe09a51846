#!/bin/sh
# Benchmark: a ledger of 1,000,000 issues; whole-process timings of
#   consult issue add                     vs  sqlite3 LEDGER "INSERT …" (same file)
#   consult issue list (filtered) --limit 20
# Targets (issue 2): issue add within 1.5x of the sqlite3 insert; list under 20 ms.
#
#   sh tests/bench/issues.sh [BUILD_DIR] [N]
set -eu
BUILD=${1:-build}
N=${2:-1000000}
CONSULT=$(pwd)/$BUILD/cmd/consult
FILL=$(pwd)/$BUILD/tests/consult_bench_fill
DIR=${BENCH_DIR:-/tmp/consult-bench}
mkdir -p "$DIR"
LEDGER=$DIR/issues-$N.db
export CONSULT_CONFIG=$(pwd)/examples/consult.toml CONSULT_LEDGER=$LEDGER CONSULT_ACTOR=bench
export CONSULT_NOW="2026-11-21 10:00"

if [ ! -f "$LEDGER" ] || [ "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM issue')" -lt "$N" ]; then
  rm -f "$LEDGER" "$LEDGER-wal" "$LEDGER-shm"
  "$FILL" "$LEDGER" "$CONSULT_CONFIG" "$N"
fi
echo "ledger: $LEDGER, $(sqlite3 "$LEDGER" 'SELECT count(*) FROM issue') issues," \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM event') events," \
  "$(du -h "$LEDGER" | cut -f1)"

RUNS=${RUNS:-50}
INSERT="INSERT INTO issue (community, title, body, channel, category, place, raised_by, phone, raised_on, raised_count, status, rounds, escalated_to, reason, created_seq, created_at, updated_seq, updated_at) VALUES ('heping', '楼道灯不亮', '', 'suggestion-box', 'other', '3号楼', '张小明', '13812341234', '2026-11-21', 1, 'collected', 0, '', '', 0, '2026-11-21T10:00:00+08:00', 0, '2026-11-21T10:00:00+08:00')"

hyperfine --shell=none --warmup 5 --runs "$RUNS" --export-json "$DIR/add.json" \
  -n "sqlite3 INSERT" "sqlite3 $LEDGER \"$INSERT\"" \
  -n "consult issue add" "$CONSULT -q issue add --community heping --title 楼道灯不亮 --place 3号楼 --raised-by 张小明 --phone 13812341234" \
  >/dev/null
hyperfine --shell=none --warmup 5 --runs "$RUNS" --export-json "$DIR/list.json" \
  -n "list --status accepted --limit 20" "$CONSULT issue list --community heping --status accepted --limit 20" \
  -n "list --category parking --from --to --limit 20" "$CONSULT issue list --community heping --category parking --from 2025-06-01 --to 2025-06-30 --limit 20" \
  -n "list --channel wechat-group --json --limit 20" "$CONSULT issue list --channel wechat-group --json --limit 20" \
  -n "list --search 漏水 --limit 20" "$CONSULT issue list --search 漏水 --limit 20" \
  >/dev/null

python3 - "$DIR/add.json" "$DIR/list.json" <<'PY'
import json, sys
add = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
lst = json.load(open(sys.argv[2]))["results"]
ms = lambda r: r["mean"] * 1000
sd = lambda r: r["stddev"] * 1000
base, ours = add["sqlite3 INSERT"], add["consult issue add"]
print(f"{'sqlite3 INSERT':<48} {ms(base):7.2f} ms ± {sd(base):.2f}")
print(f"{'consult issue add':<48} {ms(ours):7.2f} ms ± {sd(ours):.2f}  "
      f"ratio {ours['mean'] / base['mean']:.2f}x (target ≤ 1.5x)")
for r in lst:
    print(f"{'consult issue ' + r['command']:<48} {ms(r):7.2f} ms ± {sd(r):.2f}  "
          f"(max {r['max'] * 1000:.2f} ms; target < 20 ms)")
PY
