#!/bin/bash
# A vote's options as typed (欧阳立方方案) are a resident's name in free
# text: masked in staff outputs, sealed apart from the chain with the counts
# and ballots by them, and erased by `consult forget` everywhere — the vote,
# its tally, its close, the decision, the approved minutes' snapshot —
# with the counts still matching the options, and `verify` passing.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2026-11-20 09:00"
ok init
ok issue add --community heping --title 路灯 --raised-by 欧阳立方 --raised-on 2026-11-19
ok issue accept 1
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --issue 1
export CONSULT_NOW="2026-12-02 21:00"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,周志强
ok vote open --meeting 1 --issue 1 --question "选方案" --options "欧阳立方方案,物业方案" \
  --method show-of-hands --rule majority-present
out_lacks "欧阳立方"
ok vote tally 1 --count "欧阳立方方案=6,物业方案=1"
out_has "欧阳*方方案 6, 物业方案 1"
ok vote close 1
ok meeting close 1
ok minutes approve 1 --by 王建国
for args in "vote show 1" "vote list" "log --payload" "decision show 1"; do
  ok $args
  out_lacks "欧阳立方"
  ok --json $args
  out_lacks "欧阳立方"
done
ok --json log
jq -e -s '[.[].stored_payload | tostring | select(contains("欧阳立方"))] | length == 0' "$T/out" \
  >/dev/null || fail "a vote's option is in the chain as typed"
ok forget --resident 欧阳立方 --reason "本人申请"
ok verify
sqlite3 "$CONSULT_LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
! grep -qaF "欧阳立方" "$CONSULT_LEDGER" || fail "the option's name is still in the ledger's bytes"
ok vote show 1 --reveal
out_match "^Counts: +〔已删除[0-9]+-[0-9]+〕方案 6, 物业方案 1$"
ok minutes export 1 --format md --out full.md
! grep -qF "欧阳立方" full.md || fail "the full minutes still name the resident"

# Two options naming two residents whose names mask alike (张立华, 张秀华):
# shown apart, with their own counts; forgotten, they stay two options with
# their own counts (each resident's numbered mark), and the record of the
# vote loses no vote.
export CONSULT_NOW="2026-12-03 09:00"
ok issue add --community heping --title 停车 --raised-by 张立华 --stakeholder 张秀华 \
  --raised-on 2026-12-02
ok issue accept 2
ok meeting plan --community heping --kind council --at "2026-12-10 19:30" --issue 2
export CONSULT_NOW="2026-12-10 21:00"
ok meeting attend 2 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,周志强
ok vote open --meeting 2 --issue 2 --question "选方案" --options "张立华方案,张秀华方案,反对" \
  --method show-of-hands --rule majority-present
ok vote tally 2 --count "张立华方案=4,张秀华方案=2,反对=1"
out_has "张*华方案 4, 张*华方案（2） 2, 反对 1"
ok vote close 2
ok vote show 2
out_has "Counts:     张*华方案 4, 张*华方案（2） 2, 反对 1"
ok --json log --entity vote:2
jq -e -s '[.[] | select(.kind == "vote.close") | .payload.counts | add] == [7]' "$T/out" >/dev/null ||
  fail "the log's counts lost a vote: $(jq -c -s '[.[].payload.counts]' "$T/out")"
ok forget --resident 张立华 --resident 张秀华 --reason "本人申请"
ok verify
ok --json vote show 2 --reveal
jq -e '[.counts[]] | add == 7' "$T/out" >/dev/null || fail "forgetting lost votes: $(jq -c .counts "$T/out")"
jq -e '.options | length == 3 and (unique | length == 3)' "$T/out" >/dev/null ||
  fail "forgetting merged two options: $(jq -c .options "$T/out")"
echo "ok: a vote's options are sealed, masked and forgettable, and stay apart"
