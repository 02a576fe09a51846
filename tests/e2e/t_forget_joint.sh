#!/bin/bash
# Joint raisers (马淑芬、杜永强 in one field, as spreadsheets and clerks write
# them): `consult forget --resident 马淑芬` erases her name in every field
# that holds it with another's, and keeps the other's; her name goes from
# the file's bytes; `verify` passes.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2026-12-01 09:00"
ok init
ok issue add --community heping --title "楼上噪音" --raised-by "马淑芬、杜永强" --phone 13812345555 \
  --raised-on 2026-11-30 --category other
ok issue add --community heping --title "路灯不亮" --raised-by 马淑芬 --raised-on 2026-11-30 \
  --category other
ok issue accept 1
ok fund add --kind income --amount 100 --party "马淑芬/杜永强" --purpose 捐款 --issue 1
ok forget --resident 马淑芬 --reason "本人申请"
ok verify
ok issue show 1 --reveal
out_lacks "马淑芬"
out_has "杜永强"
out_match "〔已删除[0-9]+-[0-9]+〕、杜永强"
ok issue show 2 --reveal
out_lacks "马淑芬"
ok fund list --reveal
out_lacks "马淑芬"
out_has "/杜永强"
sqlite3 "$CONSULT_LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
! grep -qaF "马淑芬" "$CONSULT_LEDGER" || fail "the name is still in the ledger's bytes"
# Both names were one resident's record: the other keeps theirs until asked.
ok forget --resident 杜永强 --reason "本人申请"
ok issue show 1 --reveal
out_lacks "杜永强"
ok verify
echo "ok: a joint raiser is forgotten alone; the other keeps their name"
