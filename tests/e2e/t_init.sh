# consult init creates a stamped ledger with mode 0600; refuses strangers.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

# Reading before init: the ledger is missing (66) with the fix named.
run issue list
expect_status 66
err_has "does not exist"
err_has "consult init"

ok init
out_has "created ledger"
out_has "recorded community 'heping'"
[ "$(stat -c %a consult.db)" = 600 ] || fail "ledger mode is $(stat -c %a consult.db), not 600"
[ "$(sqlite3 consult.db 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"
[ "$(sqlite3 consult.db 'PRAGMA application_id')" = 1131311980 ] || fail "application_id not stamped"
[ "$(sqlite3 consult.db 'PRAGMA user_version')" = 13 ] || fail "schema version not 13"

# Again: harmless, nothing new recorded.
before=$(snapshot)
ok init
out_has "up to date"
[ "$(snapshot)" = "$before" ] || fail "a second init changed the ledger"

# Path precedence: --ledger over CONSULT_LEDGER over the config over ./consult.db.
ok --ledger "$T/explicit.db" init
[ -f "$T/explicit.db" ] || fail "--ledger not honoured"
unset CONSULT_LEDGER
ok init
[ -f "$T/consult.db" ] || fail "config ledger not used"
mkdir sub && cd sub
CONSULT_CONFIG= ok init
[ -f "$T/sub/consult.db" ] || fail "./consult.db not the default"
cd "$T"
export CONSULT_LEDGER="$T/consult.db"

# A file that is not a consult ledger is refused and left alone.
echo "hello" > notes.txt
cp notes.txt notes.orig
run --ledger notes.txt issue list
expect_status 65
err_has "is not a consult ledger"
run --ledger notes.txt init
expect_status 65
cmp -s notes.txt notes.orig || fail "init touched a foreign file"
sqlite3 other.db "CREATE TABLE t (x)"
run --ledger other.db init
expect_status 65
err_has "is not a consult ledger"

# A ledger from a newer consult is refused, untouched.
cp consult.db newer.db
sqlite3 newer.db "PRAGMA user_version = 99"
run --ledger newer.db issue list
expect_status 65
err_has "newer than this consult knows"
err_has "install a newer consult"
[ "$(sqlite3 newer.db 'PRAGMA user_version')" = 99 ] || fail "newer ledger was changed"

# doctor tells versions, paths, schema, journal mode and CONSULT_* variables.
ok doctor
out_has "SQLite"
out_match "schema version: +13 "
out_match "journal mode: +wal"
out_match "file mode: +0600"
out_has "CONSULT_ACTOR=tester"
ok doctor --json
out_has '"journal mode":"wal"'
