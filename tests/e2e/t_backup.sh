# consult backup and restore: a verified private copy, never overwriting; a
# doctored backup refused with the ledger untouched; --force to replace.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok backup nightly.db
out_match "^backed up [0-9]+ events to 'nightly.db' \(verified; head [0-9a-f]{64}\)$"
[ "$(stat -c %a nightly.db)" = 600 ] || fail "the backup is not private"
[ ! -e nightly.db.part ] && [ ! -e nightly.db.part-wal ] || fail "the backup left files behind"
ok --ledger nightly.db verify
run backup nightly.db
expect_status 73
err_has "'nightly.db' already exists"

# Work goes on after the backup.
ok issue add --community heping --title "快递柜占用消防通道" --channel wechat-group --category safety

# A doctored backup is refused; the ledger stays as it is.
cp nightly.db doctored.db
sqlite3 doctored.db "DROP TRIGGER event_append_only_update;
  UPDATE event SET payload = replace(payload, '屋顶漏水', '屋顶渗水') WHERE kind = 'issue.add'"
before=$(snapshot)
run restore doctored.db --force
expect_status 65
err_has "backup 'doctored.db' does not verify"
err_has "the ledger is unchanged"
[ "$(snapshot)" = "$before" ] || fail "a refused restore changed the ledger"

# An existing ledger is replaced only with --force.
run restore nightly.db
expect_status 64
err_has "add --force to replace it"
ok restore nightly.db --force
out_has "restored '$CONSULT_LEDGER' from 'nightly.db'"
ok issue list --json
[ "$(grep -c . "$T/out")" = 3 ] || fail "the restored ledger should hold the three seeded issues"
ok verify

# Restoring where there is no ledger creates it.
ok --ledger elsewhere.db restore nightly.db
[ "$(stat -c %a elsewhere.db)" = 600 ] || fail "the restored ledger is not private"
ok --ledger elsewhere.db verify --json
jq -e '.ok' "$T/out" >/dev/null || fail "the restored ledger does not verify"
run restore missing.db
expect_status 66
