# Conventions across commands: -q, --now reproducibility, NO_COLOR, broken
# pipes, busy ledger (75), actor.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

# --now makes everything reproducible byte for byte.
session() {
  rm -f consult.db consult.db-wal consult.db-shm
  seed
  ok issue accept 1
  ok issue consult 1
  ok issue list
  cp "$T/out" "$1.list"
  ok log --json
  cp "$T/out" "$1.log"
  ok issue show 1
  cp "$T/out" "$1.show"
}
session a
session b
# Hashes differ between the runs: each event covers the salted references of
# its personal data (consult/sealing.hpp), and salts are random by design.
for f in a.log b.log; do sed -E 's/"[0-9a-f]{64}"/"…"/g' "$f" >"$f.tmp" && mv "$f.tmp" "$f"; done
for f in list log show; do
  cmp -s "a.$f" "b.$f" || fail "output of '$f' differs between two runs with --now"
done
grep -q '"at":"2026-11-21T10:00:00+08:00"' a.log || fail "event time not from CONSULT_NOW"
grep -q '"actor":"tester"' a.log || fail "actor not from CONSULT_ACTOR"
ok --as 王建国 --now "2026-11-22T08:00:00+08:00" issue accept 2
ok log --issue 2 --json
out_has '"actor":"王建国"'
out_has '"at":"2026-11-22T08:00:00+08:00"'
# The ledger's time only moves forward: what follows is recorded after that.
export CONSULT_NOW="2026-11-22 09:00"

# -q: silent on success.
ok -q issue accept 3
out_empty
err_empty
ok -q verify
out_empty

# No colour off a terminal or under NO_COLOR.
run issue accept 99
if grep -q "$(printf '\033')" "$T/err"; then fail "colour codes on a pipe"; fi

# A broken pipe exits quietly: more output than a pipe holds, a reader that stops.
{ echo "日期,内容"; for i in $(seq 1 2000); do echo "2026-11-01,第${i}条意见：楼道需要清理，垃圾堆放影响通行"; done; } > many.csv
ok -q import many.csv
set +e
"$CONSULT" issue list 2>"$T/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
set -e
[ "$rc" -eq 0 ] || fail "consult exited $rc on a closed pipe"
err_empty

# A ledger held by another writer: exit 75 after the busy timeout, nothing lost.
before=$(snapshot)
(sqlite3 consult.db "BEGIN IMMEDIATE; SELECT 1;" ".shell sleep 3" "COMMIT;" >/dev/null 2>&1) &
holder=$!
sleep 1
CONSULT_BUSY_TIMEOUT=200 run issue add --title "等一下"
expect_status 75
err_has "busy"
err_has "try again"
wait $holder
[ "$(snapshot)" = "$before" ] || fail "a busy failure changed the ledger"
# With the default timeout, a writer waits its turn instead of failing.
(sqlite3 consult.db "BEGIN IMMEDIATE; SELECT 1;" ".shell sleep 1" "COMMIT;" >/dev/null 2>&1) &
holder=$!
sleep 0.3
ok issue add --title "排队写入"
wait $holder
ok verify
