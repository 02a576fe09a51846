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
# A search finds what is shown, not what is masked.
for q in 138-1234-1234 张小明 502室; do
  ok issue list --search "$q"
  out_lacks "积水"
done
ok issue list --search 138-1234-1234 --reveal
out_has "积水"

# A stamp's time is printed in the footer: only a time consult writes.
sed 's/2026-12-03T10:00:00+08:00/2026-12-03 居民张小明 电话13812341234/g' pub/m.md >pub/at.md
run verify --export pub/at.md
[ "$status" -ne 0 ] || fail "a stamp carrying text in its time was accepted"
sed 's/2026-12-03T10:00:00+08:00/2026-99-99T99:99:99+99:99/g' pub/m.md >pub/at3.md
run verify --export pub/at3.md
[ "$status" -ne 0 ] || fail "a stamp of an impossible time was accepted"
sed 's/2026-12-03T10:00:00+08:00/2026-11-01T10:00:00+08:00/g' pub/m.md >pub/backdated.md
run verify --export pub/backdated.md
expect_status 65
err_has "before event"
sed 's/"subject":"1"/"subject":"+1"/' pub/m.md >pub/subject.md
run verify --export pub/subject.md
[ "$status" -ne 0 ] || fail "a stamp naming meeting +1 was accepted"
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

# A second pass: joint raisers, a resident chairing and recording, action
# owners, approvers and amenders who are residents, an online link with a
# phone, doors as residents write them — in every public document.
export CONSULT_NOW="2026-12-10 09:00"
ok issue add --community heping --title "马淑芬家漏水 杜永强，住5号楼502" --raised-by "马淑芬、杜永强" \
  --raised-on 2026-12-09 --category facility-repair
J=$(cat "$T/out")
ok issue accept "$J"
ok meeting plan --community heping --kind council --at "2026-12-16 19:30" --title "钱老师主持的座谈" \
  --chair 钱老师 --recorder 孙小记 --online "https://m.example/x 主持人张小明13812341234" --issue "$J"
M2=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM meeting')
for format in md ics json; do
  ok meeting export "$M2" --format "$format" --out "pub/agenda2.$format"
  for raw in 马淑芬 杜永强 钱老师 孙小记 13812341234 5号楼502; do
    ! grep -qF "$raw" "pub/agenda2.$format" || fail "the agenda ($format) shows $raw"
  done
done
# Staff views of the meeting and the log: a resident chair and recorder masked.
ok meeting show "$M2"
out_match "^Chair: +钱\*师$"
out_match "^Recorder: +孙\*记$"
ok --json meeting show "$M2"
jq -e '.chair == "钱*师" and .recorder == "孙*记"' "$T/out" >/dev/null ||
  fail "meeting show --json names the resident chair: $(jq -c '[.chair, .recorder]' "$T/out")"
ok log --payload
grep -F meeting.plan "$T/out" | grep -qF 钱老师 && fail "log --payload names the resident chair"
export CONSULT_NOW="2026-12-16 21:00"
ok meeting attend "$M2" --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋
ok meeting note "$M2" --issue "$J" --speaker 王建国 --text "钱老师说先修，孙小记记下了"
ok meeting outcome "$M2" --issue "$J" --result decided --note "钱老师负责"
D2=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM decision')
ok action add --decision "$D2" --owner 赵小红 --what "赵小红负责维修" --due 2026-12-30
ok meeting close "$M2"
export CONSULT_NOW="2026-12-17 10:00"
ok minutes approve "$M2" --by 王建国,周小周
ok minutes amend "$M2" --text "周小周补充：路人乙反映" --by 路人乙
ok fund add --kind expense --amount 100 --party 物业公司 --named --purpose "给马淑芬家修水管" --issue "$J"
for format in md html json; do
  ok minutes export "$M2" --public --format "$format" --out "pub/m2.$format"
  ok verify --export "pub/m2.$format"
done
ok notice decision "$D2" --format md --out pub/notice2.md
ok fund notice --period 2026-12 --format md --out pub/fund2.md
for f in pub/m2.md pub/m2.html pub/m2.json pub/notice2.md pub/fund2.md; do
  for raw in 马淑芬 杜永强 钱老师 孙小记 赵小红 周小周 路人乙 13812341234 5号楼502; do
    ! grep -qF "$raw" "$f" || fail "$f shows $raw: $(grep -F "$raw" "$f" | head -2)"
  done
done
grep -qF "王建国" pub/m2.html || fail "the councillor who approved is not named"

# An owner's units: their address, in messages and in the log.
printf '房号,业主,面积\n5号楼2单元502室,张小明,89.5\n5号楼2单元601室,王五,76.0\n' >owners.csv
ok owners import owners.csv --community heping
export CONSULT_NOW="2026-12-18 09:00"
ok issue add --community heping --title "电梯加装" --raised-on 2026-12-08 --category facility-repair
E=$(cat "$T/out")
ok issue accept "$E"
ok vote open --issue "$E" --question "是否加装电梯" --method written --rule civil-code-278 --matter 9 \
  --closes 2026-12-30
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
