#!/bin/bash
# Staff outputs mask what residents typed about residents (docs/privacy.md,
# "Staff outputs"): a clerk at the reception desk types the resident's name
# and phone into a meeting's notes, a vote's question, a decision, an
# action and the account book, as clerks do. Every command that shows those
# records — tables, --json, the log, shell completion — shows the residents
# the records hold masked, with every phone and door, unless --reveal, and
# every --reveal is recorded. Councillors, guests and bodies stay named.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2026-11-20 09:00"
ok init
ok issue add --community heping --title "张小明家门口积水，电话138-1234-1234" --channel reception-day \
  --category facility-repair --place "5号楼2单元502室" --raised-by 张小明 --phone 13812341234 \
  --raised-on 2026-11-12 --stakeholder 李四平
ok issue add --community heping --title "邻居王大锤（3号楼301室）家噪音" --channel reception-day \
  --category other --raised-by 陈晓方 --raised-on 2026-11-14 --stakeholder 王大锤
ok issue accept 1
ok issue accept 2
ok issue comment 1 "张小明电话13812341234，住5号楼2单元502门口" --by 李四平
export CONSULT_NOW="2026-11-21 09:00"
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --title "张小明家积水协调会" --venue "张小明家楼下" --chair 王建国 --recorder 陈静 --issue 1,2
export CONSULT_NOW="2026-12-02 21:00"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,周志强,李四平 \
  --absent "刘洋=去张小明家了解情况" --guest "何工=张小明的律师 13900001111"
ok meeting note 1 --issue 1 --speaker 何工 --position against --text "张小明说他家在5号楼2单元502室"
ok meeting note 1 --issue 1 --speaker 李四平 --text "我是李四平，同意"
ok vote open --meeting 1 --issue 2 --question "是否约谈王大锤（13812341234），张小明到场" \
  --method show-of-hands --rule majority-present
ok vote tally 1 --count yes=6,no=0,abstain=1
ok vote close 1
ok meeting outcome 1 --issue 1 --result decided --note "由张小明自行联系，电话138-1234-1234"
export CONSULT_NOW="2026-12-02 21:10"
ok action add --decision 2 --owner 张小明 --what "张小明自行维修，联系13812341234" --due 2026-12-19
ok action add --decision 1 --owner 物业公司 --what "约谈王大锤，住3号楼301室" --due 2026-12-19
ok action progress 1 --percent 40 --note "张小明已买材料，住5号楼502室"
ok meeting close 1
ok fund add --kind income --amount 500 --party 张小明 \
  --purpose "张小明捐款（5号楼2单元502室，138 1234 1234）" --issue 1
ok minutes approve 1 --by 王建国,李四平
ok minutes amend 1 --text "更正：张小明电话13812341234，7栋3单元201室" --by 李四平
export CONSULT_NOW="2026-12-22 09:00"

no_raw() { # WHAT: the last command's stdout
  local v
  for v in 张小明 李四平 王大锤 13812341234 1234-1234 "138 1234" 13900001111 502室 301室; do
    ! grep -qF -- "$v" "$T/out" || fail "$1 shows $v: $(grep -F -- "$v" "$T/out" | head -3)"
  done
}
for args in "meeting show 1" "meeting list" "vote show 1" "vote list" "decision list" \
  "decision show 1" "decision show 2" "action list" "action show 1" "action show 2" \
  "action overdue --community heping" "fund list" "issue list" "issue show 1" "issue show 2" \
  "log" "log --payload" "minutes show 1"; do
  ok $args
  no_raw "$args"
  ok --json $args
  no_raw "--json $args"
done
# What `action progress` and `action add` print back is masked the same way.
ok --json action progress 1 --percent 60 --note "张小明说下周完工"
no_raw "action progress --json"

# What vote open and close printed back, and the public notices: the
# meeting's title names the raiser of another issue on its agenda, the vote
# on issue 2 a resident of issue 1; public minutes and notices mask them alike.
ok notice decision 1 --format md --out notice1.md
ok notice results --community heping --period 2026-12 --format md --out results.md
ok minutes export 1 --public --format md --out minutes.md
for f in notice1.md results.md minutes.md; do
  cp "$f" "$T/out"
  no_raw "$f"
  ok verify --export "$f"
done
grep -qF '"renderer":5' notice1.md || fail "a new notice is not of writer 5"

# Masked, not hidden: the resident's mark, and the named stay named.
ok decision show 2
out_has "由张*明自行联系，电话138-****-1234"
ok action list
out_has "张*明自行维修"
out_has "物业公司"
ok meeting show 1
out_has "王建国"
out_has "何工"
out_has "张*明的律师 139****1111"
out_has "去张*明家了解情况"
ok --json log --entity meeting:1
grep -qF "张*明说他家在5号楼" "$T/out" || fail "the log does not mask the note's resident"

# Shell completion describes records as staff see them.
for kind in issue meeting vote decision action; do
  "$CONSULT" __complete $kind show "" >"$T/out" 2>&1
  no_raw "completion of $kind ids"
done
"$CONSULT" __complete action show "" >"$T/out"
grep -qF "张*明自行维修" "$T/out" || fail "completion lost the action's text"

# --reveal shows what was typed, and is recorded with the records it showed.
before=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
ok decision show 2 --reveal
out_has "由张小明自行联系，电话138-1234-1234"
ok action list --reveal
out_has "张小明自行维修，联系13812341234"
ok action show 1 --reveal
out_has "张小明已买材料，住5号楼502室"
ok decision list --reveal
out_has "是否约谈王大锤（13812341234）"
ok meeting show 1 --reveal
out_has "张小明说他家在5号楼2单元502室"
ok --json minutes show 1 --reveal
out_has "更正：张小明电话13812341234"
after=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
[ "$after" -eq $((before + 6)) ] || fail "recorded $((after - before)) reveals of 6"
ok log --reveals
out_has "decision show"
out_has "action list"
sqlite3 "$CONSULT_LEDGER" "SELECT payload FROM event WHERE kind = 'privacy.reveal'" >"$T/out"
no_raw "the reveals' records"

# A guest's body and a meeting's link are sealed apart from the chain now,
# like every free text: the chain holds a reference, and forgetting the
# resident erases the name from them, out of the file's bytes.
ok --json log --entity meeting:1
jq -e -s '[.[] | select(.kind == "meeting.attend") | .stored_payload.people[]
           | select(has("detail"))] | length == 0' "$T/out" >/dev/null ||
  fail "a person's detail is in the chain: $(jq -c -s '[.[].stored_payload]' "$T/out")"
ok forget --resident 张小明 --reason "本人申请"
ok verify
sqlite3 "$CONSULT_LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
! grep -qaF "张小明" consult.db || fail "the resident's name survives the erasure in the file"
ok meeting show 1 --reveal
out_lacks "张小明"
out_has "〔已删除〕的律师"
echo "ok: staff outputs mask what residents typed about residents; reveals are recorded"
