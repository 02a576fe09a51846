#!/bin/bash
# An adversary's pass over what residents' personal data could leak through:
# a resident named in the free text of a meeting (venue, guest's body, notes,
# decisions, actions, amendments, approvers), phones written with
# separators, doors in sentences; export stamps altered to print text or to
# compare against the full minutes; an owner's units in vote messages and
# the log. Each case was found by hand on a previous build; none may leak.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2026-11-20 09:00"
ok init
ok issue add --community heping --title "张小明家门口积水，电话138-1234-1234" --channel reception-day \
  --category facility-repair --place "5号楼2单元502室" --raised-by 张小明 --phone 13812341234 \
  --raised-on 2026-11-12 --stakeholder 李四平 \
  --body "身份证 510104 19900101 1234，座机028-85551234，+8613812341234"
ok issue add --community heping --title "邻居王大锤（3号楼301室）家噪音" --channel reception-day \
  --category other --raised-by 陈晓方 --raised-on 2026-11-14 --stakeholder 王大锤
ok issue accept 1
ok issue accept 2
export CONSULT_NOW="2026-11-21 09:00"
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --venue "张小明家（5号楼2单元502室）" --chair 王建国 --recorder 陈静 --issue 1,2
export CONSULT_NOW="2026-12-02 21:00"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋 \
  --guest "何工=张小明的律师 13900001111"
ok meeting note 1 --issue 1 --speaker 何工 --position against --text "张小明说他家在5号楼2单元502室"
ok meeting outcome 1 --issue 1 --result decided --note "由张小明自行联系，电话138-1234-1234"
ok meeting outcome 1 --issue 2 --result next-round --note "约谈王大锤"
export CONSULT_NOW="2026-12-02 21:10"
ok action add --decision 1 --owner 张小明 --what "张小明自行维修，联系13812341234" --due 2026-12-19
ok meeting close 1
export CONSULT_NOW="2026-12-03 10:00"
ok minutes approve 1 --by 王建国,张小明
ok minutes amend 1 --text "补充：张小明电话为13812341234，住5号楼2单元502室" --by 张小明

no_raw() { # FILE WHAT
  local v
  for v in 张小明 李四平 王大锤 13812341234 1234-1234 85551234 13900001111 502室 301室 19900101; do
    ! grep -qF "$v" "$1" || fail "$2 shows $v: $(grep -F "$v" "$1" | head -3)"
  done
}
mkdir pub
for format in md html json docx; do
  ok minutes export 1 --public --format "$format" --out "pub/m.$format"
  if [ "$format" = docx ]; then
    (cd pub && unzip -o -q m.docx -d m-docx) && no_raw pub/m-docx/word/document.xml "public minutes (docx)"
  else
    no_raw "pub/m.$format" "public minutes ($format)"
  fi
  ok verify --export "pub/m.$format"
done
grep -qF "王建国" pub/m.html || fail "the chair is not named"
grep -qF "张*明" pub/m.html || fail "the resident is not shown masked"
ok notice decision 1 --format md --out pub/notice.md
no_raw pub/notice.md "the decision notice"
ok notice results --community heping --period 2026-12 --format md --out pub/results.md
no_raw pub/results.md "the results notice"
for format in md html ics json; do
  ok meeting export 1 --format "$format" --out "pub/agenda.$format"
  no_raw "pub/agenda.$format" "the agenda ($format)"
done
ok issue show 1
out_match "^(Raised by|提出人): +张\*明$"
out_match "^(Phone|电话): +138\*\*\*\*1234$"

# A stamp's time is printed in the footer: only a time consult writes.
sed 's/2026-12-03T10:00:00+08:00/2026-12-03 居民张小明 电话13812341234/g' pub/m.md >pub/at.md
run verify --export pub/at.md
[ "$status" -ne 0 ] || fail "a stamp carrying text in its time was accepted"
# Compared against the full minutes: recorded as a reveal, and no line given.
before=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
sed 's/"public":true/"public":false/' pub/m.md >pub/full-guess.md
run verify --export pub/full-guess.md
expect_status 65
! grep -q "from line" "$T/err" || fail "the comparison with the full minutes says where: $(cat "$T/err")"
after=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
[ "$after" -eq $((before + 1)) ] || fail "comparing with the full minutes recorded no reveal"
# A fund statement exists only for the public.
export CONSULT_NOW="2026-12-07 09:00"
ok fund add --kind income --amount 500 --party 张小明 --purpose "张小明捐款（5号楼2单元502室，138 1234 1234）" --issue 1
ok fund notice --period 2026-12 --format json --out pub/f.json
no_raw pub/f.json "the fund statement"
sed 's/"public": true/"public": false/' pub/f.json >pub/f-full.json
run verify --export pub/f-full.json
expect_status 65
err_has "only for the public"

# An owner's units: their address, in messages and in the log.
printf '房号,业主,面积\n5号楼2单元502室,张小明,89.5\n5号楼2单元601室,王五,76.0\n' >owners.csv
ok owners import owners.csv --community heping
export CONSULT_NOW="2026-12-08 09:00"
ok issue add --community heping --title "电梯加装" --raised-on 2026-12-08 --category facility-repair
ok issue accept 3
ok vote open --issue 3 --question "是否加装电梯" --method written --rule civil-code-278 --matter 9 \
  --closes 2026-12-20
V=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM vote')
ok vote cast "$V" --voter 王五 --choice no
out_lacks 601室
ok --json vote cast "$V" --voter 张小明 --choice yes
out_lacks 502室
run vote cast "$V" --voter 王五 --choice yes
expect_status 65
! grep -qF 601室 "$T/err" || fail "the refusal names the door: $(cat "$T/err")"
ok log --payload
grep -F vote.cast "$T/out" | grep -qE "601室|502室" && fail "log --payload shows a ballot's units"
ok --json log
grep -F vote.cast "$T/out" | grep -qE "601室|502室" && fail "log --json shows a ballot's units"
ok log --payload --reveal
grep -F vote.cast "$T/out" | grep -qF "601室" || fail "log --payload --reveal does not show the units"
echo ok
