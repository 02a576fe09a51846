# What an adversary with the sqlite3 shell and a short script tried against a
# ledger, and what consult now says: a planted trigger, table or view and an
# altered index are found by verify, and nothing is written to such a ledger;
# an import never runs SQL text read from the file; a damaged page is found;
# the log's time never goes back; a stamp moved back to an earlier event no
# longer matches; text that is not UTF-8 is named; and a ledger or backup on
# read-only storage is read, verified, backed up and restored.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ADVERSARY="/usr/bin/python3 $CONSULT_SOURCE_DIR/tests/e2e/adversary.py"

seed
ok issue accept 1
ok issue consult 1
ok issue comment 1 "先做防水" --by 赵德明
ok verify
cp consult.db pristine.db
rm -f consult.db-wal consult.db-shm

fresh() { cp pristine.db consult.db; rm -f consult.db-wal consult.db-shm; }

# planted SQL NAME: the ledger with SQL run on it by the sqlite3 shell is
# refused by verify (65, naming NAME) and by every writing command, which
# leaves it exactly as it was.
planted() {
  fresh
  sqlite3 consult.db "$1" || fail "sqlite3 could not plant: $1"
  run verify
  expect_status 65
  err_has "schema was changed outside consult"
  err_has "$2"
  before=$(snapshot)
  run issue add --community heping --title "又一条意见" --raised-on 2026-11-20
  expect_status 65
  err_has "was changed outside consult"
  err_has "$2"
  [ "$(snapshot)" = "$before" ] || fail "a command wrote to a ledger with a planted schema"
}

# A trigger that copies every event to a hidden table.
planted "CREATE TABLE hidden (seq, payload);
  CREATE TRIGGER spy AFTER INSERT ON event BEGIN INSERT INTO hidden VALUES (new.seq, new.payload); END" hidden
[ "$(sqlite3 consult.db 'SELECT count(*) FROM hidden')" = 0 ] || fail "the spy trigger ran"
# A trigger that fakes a disk error for the ballots against.
planted "CREATE TRIGGER no_noes BEFORE INSERT ON vote_ballot WHEN new.choice = 'no'
  BEGIN SELECT raise(ABORT, 'disk I/O error'); END" no_noes
planted "CREATE VIEW everything AS SELECT * FROM event" everything
planted "DROP INDEX issue_by_date; CREATE INDEX issue_by_date ON issue (raised_on, title)" issue_by_date
planted "DROP TRIGGER event_append_only_update" event_append_only_update

# SQL text stored in an index's definition (through writable_schema) is
# never run: the import is refused before it reads a row, and the guards stay.
fresh
sqlite3 consult.db "PRAGMA writable_schema = ON;
  UPDATE sqlite_schema SET sql = 'CREATE INDEX issue_by_date ON issue (raised_on); DROP TRIGGER event_append_only_update'
  WHERE name = 'issue_by_date';" || fail "could not edit the schema"
printf '日期,内容\n2026-11-01,楼道灯坏了\n' >box.csv
before=$(snapshot)
run import box.csv --community heping
expect_status 65
err_has "issue_by_date"
[ "$(snapshot)" = "$before" ] || fail "the import wrote to a ledger with an edited index"
[ "$(sqlite3 consult.db "SELECT count(*) FROM sqlite_schema WHERE name = 'event_append_only_update'")" = 1 ] ||
  fail "SQL text from the file was run"

# A damaged index page: SQLite's own check finds it.
fresh
$ADVERSARY corrupt consult.db event_by_entity >"$T/adv" || fail "the adversary failed: $(cat "$T/adv")"
run verify
expect_status 65
grep -qE "damaged|corrupt" "$T/err" || fail "verify did not name the damage"

# Time only moves forward: an event dated before the last one is refused,
# naming both times, and nothing is written.
fresh
before=$(snapshot)
run --now "2026-11-20 09:00" issue add --community heping --title "补记的意见" --raised-on 2026-11-19
expect_status 65
err_has "2026-11-20T09:00:00+08:00"
err_has "2026-11-21T10:00:00+08:00"
err_has "only moves forward"
[ "$(snapshot)" = "$before" ] || fail "a backdated event changed the ledger"
# The same second is fine.
ok issue add --community heping --title "同一时刻的意见" --raised-on 2026-11-20
# A re-chained log whose time goes back is found by verify.
fresh
$ADVERSARY retime consult.db 6 "2020-01-01T09:00:00+08:00" >"$T/adv" ||
  fail "the adversary failed: $(cat "$T/adv")"
run verify
expect_status 65
err_has "event 6 is dated 2020-01-01T09:00:00+08:00"

# A deadline cannot be reopened by backdating once anything later is
# recorded: the ballot refused after the vote closed stays refused.
fresh
ok owners import "$CONSULT_SOURCE_DIR/examples/owners.csv" --community heping
ok vote open --issue 1 --question "使用专项维修资金维修屋面" --method written \
  --rule civil-code-278 --matter 5 --closes 2026-11-25
ok vote cast 1 --voter 3-1-101 --choice yes
export CONSULT_NOW="2026-11-26 09:00"
run vote cast 1 --voter 3-1-102 --choice yes
expect_status 65
err_has "closed"
ok issue add --community heping --title "楼道堆物" --raised-on 2026-11-26
before=$(snapshot)
run --now "2026-11-24 18:00" vote cast 1 --voter 3-1-102 --choice yes
expect_status 65
err_has "only moves forward"
[ "$(snapshot)" = "$before" ] || fail "a backdated ballot changed the ledger"
export CONSULT_NOW="2026-11-21 10:00"

# An export whose stamp was moved back to an earlier event, although it lists
# what came after, is refused: it is made again as of the stamped event.
DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >/dev/null 2>&1 ||
  fail "demo failed"
(
  export CONSULT_LEDGER="$T/demo/consult.db" CONSULT_NOW="2027-01-11 09:00"
  ok notice decision 2 --format md --out before.md
  ok action add --decision 2 --owner 社区居委会 --what "添置儿童图书" --due 2027-01-31
  ok issue add --community heping --title "新的意见" --raised-on 2027-01-11
  ok notice decision 2 --format md --out after.md
  grep -qF "添置儿童图书" after.md || fail "the notice lacks the new action"
  ok verify --export before.md
  ok verify --export after.md
  # Moved back to the stamp of the notice made before the action.
  old_seq=$(sed -n 's/.*"seq":\([0-9]*\).*/\1/p' before.md | tail -1)
  old_hash=$(sed -n 's/.*"hash":"\([0-9a-f]*\)".*/\1/p' before.md | tail -1)
  new_seq=$(sed -n 's/.*"seq":\([0-9]*\).*/\1/p' after.md | tail -1)
  new_hash=$(sed -n 's/.*"hash":"\([0-9a-f]*\)".*/\1/p' after.md | tail -1)
  [ "$old_seq" -lt "$new_seq" ] || fail "the stamps do not differ ($old_seq, $new_seq)"
  sed -e "s/$new_hash/$old_hash/g" -e "s/\"seq\":$new_seq/\"seq\":$old_seq/" \
    -e "s/ledger event $new_seq /ledger event $old_seq /" after.md >backdated.md
  run verify --export backdated.md
  expect_status 65
  err_has "does not match the ledger"
)

# Text that is not UTF-8 is named, never an internal error (70).
fresh
before=$(snapshot)
run --as "$(printf '\345\274\240\377')" issue accept 2
expect_status 64
err_has "UTF-8"
[ "$(snapshot)" = "$before" ] || fail "a refused actor changed the ledger"
sqlite3 consult.db "DROP TRIGGER event_append_only_update;
  UPDATE event SET actor = CAST(X'E5BCA0FF' AS TEXT) WHERE seq = 4;
  CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
  BEGIN SELECT raise(ABORT, 'the event log is append-only'); END;" 2>"$T/sqlerr" || true
run verify
expect_status 65
err_has "event 4"
err_has "UTF-8"

# Read-only storage: a read-only bind mount where this user may make one,
# else a 0444 ledger in a 0555 directory read by an unprivileged user.
fresh
mkdir -p src ro
cp pristine.db src/consult.db
ok backup src/backup.db
ro_run=""
cleanup_ro() { umount "$T/ro" 2>/dev/null || true; }
trap 'cleanup_ro; rm -rf "$T"' EXIT
if mount --bind src ro 2>/dev/null && mount -o remount,bind,ro ro 2>/dev/null; then
  RO="$T/ro"
elif command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  cleanup_ro
  RO="$T/src"
  chmod 0444 src/consult.db src/backup.db && chmod 0555 src && chmod 0755 "$T"
  ro_run="setpriv --reuid=nobody --regid=nogroup --clear-groups"
elif [ "$(id -u)" != 0 ]; then
  RO="$T/src"
  chmod 0444 src/consult.db src/backup.db && chmod 0555 src
else
  echo "skipped: read-only storage (no mount and no setpriv here)"
  RO=""
fi
if [ -n "$RO" ]; then
  ro() { # ARGS...: consult as the reader, output in $T/out and $T/err
    LAST="$*"
    set +e
    $ro_run "$CONSULT" "$@" >"$T/out" 2>"$T/err" </dev/null
    status=$?
    set -e
  }
  mkdir -p "$T/out-dir" && chmod 0777 "$T/out-dir"
  ro --ledger "$RO/consult.db" verify
  expect_status 0
  out_has "ok: 8 events"
  ro --ledger "$RO/consult.db" issue list
  expect_status 0
  out_has "希望开放儿童活动室"
  ro --ledger "$RO/consult.db" log --head
  expect_status 0
  ro --ledger "$RO/backup.db" verify
  expect_status 0
  ro --ledger "$RO/consult.db" backup "$T/out-dir/copy.db"
  expect_status 0
  ro --ledger "$T/out-dir/restored.db" restore "$RO/backup.db"
  expect_status 0
  ro --ledger "$T/out-dir/restored.db" verify
  expect_status 0
  out_has "ok: 8 events"
  [ ! -e "$RO/consult.db-wal" ] && [ ! -e "$RO/consult.db-shm" ] ||
    fail "reading left -wal or -shm files on read-only storage"
  ro --ledger "$RO/consult.db" issue add --community heping --title "只读" --raised-on 2026-11-20
  [ "$status" -ne 0 ] || fail "a write to read-only storage succeeded"
  cmp -s pristine.db "$RO/consult.db" || fail "the read-only ledger changed"
fi
cleanup_ro
chmod -R u+w,a+rx "$T" 2>/dev/null || true

# A ledger whose last changes are still in its -wal cannot be read where that
# log cannot be opened: a clear refusal, never an older state.
if [ "$(id -u)" = 0 ]; then
  mkdir -p walsrc walro
  /usr/bin/python3 - "$T/pristine.db" "$T/walsrc" <<'EOF'
import shutil, sqlite3, sys
src, out = sys.argv[1], sys.argv[2]
shutil.copy(src, f"{out}/consult.db")
db = sqlite3.connect(f"{out}/consult.db", isolation_level=None)
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE ledger_head SET seq = seq + 1")  # a frame in the log,
db.execute("UPDATE ledger_head SET seq = seq - 1")  # nothing changed
db.execute("COMMIT")
shutil.copy(f"{out}/consult.db", f"{out}/copy.db")
shutil.copy(f"{out}/consult.db-wal", f"{out}/copy.db-wal")
db.close()
EOF
  if mount --bind walsrc walro 2>/dev/null && mount -o remount,bind,ro walro 2>/dev/null; then
    run --ledger "$T/walro/copy.db" verify
    umount "$T/walro"
    expect_status 74
    err_has "copy.db-wal"
  else
    umount "$T/walro" 2>/dev/null || true
    echo "skipped: a read-only mount with a -wal file (mount not allowed here)"
  fi
fi
echo "ok"
