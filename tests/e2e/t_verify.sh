# consult verify: 0 on an intact ledger; non-zero naming the first bad event
# or row when the ledger was changed behind its back with the sqlite3 shell.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue accept 1
ok issue consult 1
ok issue comment 1 "先做防水" --by 赵德明
ok verify
out_has "ok: 8 events"
ok verify --json
out_has '"ok":true'
cp consult.db pristine.db
rm -f consult.db-wal consult.db-shm

tamper() { # SQL
  cp pristine.db consult.db
  rm -f consult.db-wal consult.db-shm
  sqlite3 consult.db "DROP TRIGGER event_append_only_update; DROP TRIGGER event_append_only_delete; $1"
  run verify
  [ "$status" -ne 0 ] || fail "verify passed after: $1"
  expect_status 65
}

# The guards stop casual edits.
cp pristine.db consult.db
if sqlite3 consult.db "UPDATE event SET actor = 'x' WHERE seq = 3" 2>/dev/null; then
  fail "the event log accepted an UPDATE"
fi

tamper "UPDATE event SET payload = replace(payload, '\"priority\":\"normal\"', '\"priority\":\"urgent\"') WHERE seq = 3"
err_has "event 3 (issue.add) was changed"
# The title is personal data sealed beside the event (docs/privacy.md,
# "Forgetting"): changed there, it no longer matches the event's reference.
tamper "DROP TRIGGER personal_value_erase_only; UPDATE personal_value SET value = replace(value, '屋顶', '屋面') WHERE seq = 3"
err_has "personal data"
err_has "of event 3 was changed"
# Erased by hand, with no privacy.forget event to say so.
tamper "UPDATE personal_value SET salt = NULL, value = NULL, shown = '{}', forgotten_seq = 8 WHERE seq = 3"
err_has "without a privacy.forget event"
tamper "DELETE FROM event WHERE seq = 5"
err_has "event 5 is missing"
tamper "UPDATE event SET seq = -seq WHERE seq IN (4, 5); UPDATE event SET seq = 5 WHERE seq = -4; UPDATE event SET seq = 4 WHERE seq = -5"
err_has "event 4 does not follow event 3"
tamper "UPDATE event SET seq = seq + 100 WHERE seq >= 4; UPDATE event SET seq = seq - 99 WHERE seq >= 104; INSERT INTO event SELECT 4, at, actor, kind, entity, payload, prev_hash, hash FROM event WHERE seq = 3"
err_has "event 4"
tamper "DELETE FROM event WHERE seq = 8"
err_has "recorded head"
tamper "UPDATE issue SET title = '被改过' WHERE id = 2"
err_has "table issue, row rowid=2, column title"
err_has "被改过"
tamper "DELETE FROM issue_comment"
err_has "table issue_comment lacks a row"
tamper "INSERT INTO issue_stakeholder VALUES (2, 1, '伪造')"
err_has "table issue_stakeholder has a row no event created"
err_has "hint:"

cp pristine.db consult.db
ok verify
