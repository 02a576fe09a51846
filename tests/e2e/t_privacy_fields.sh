#!/bin/bash
# What a name is comes from the field that holds it, never from matching its
# text (docs/privacy.md, "Who is a resident"): residents who share a name
# with a councillor, a meeting's guest or a guest's body stay masked where
# the record has a resident; free text in public documents loses the names
# of the record's residents and every phone; unrevealed search cannot find a
# door; full minutes are a recorded reveal, with the account that ran them.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2026-11-20 09:00"
ok init

# 周志强 sits on the council; a resident of the same name raises a matter.
ok issue add --community heping --title "楼道灯不亮" --channel visit --category facility-repair \
  --raised-by 周志强 --phone 13912345678 --place "5号楼2单元502室" --raised-on 2026-11-18 \
  --stakeholder 李方
I1=$(cat "$T/out")
# 刘芳 raises another, 王小红 a stakeholder of it: a guest will bear the
# one's name, another guest's body the other's.
ok issue add --community heping --title "垃圾桶满溢" --channel visit --category environment \
  --raised-by 刘芳 --place "7号楼1单元301室" --raised-on 2026-11-18 --stakeholder 王小红
I2=$(cat "$T/out")
ok issue accept "$I1"
ok issue accept "$I2"
ok meeting plan --community heping --kind council --at "2026-11-26 19:30" --venue 议事厅 \
  --issue "$I1" --issue "$I2"
M=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM meeting')
export CONSULT_NOW="2026-11-26 21:00"
# A guest recorded as 刘芳, a guest whose body is recorded as 王小红, and a
# resident 吴小军 who took part. (A councillor's namesake cannot be recorded
# as a resident who came: the councillor is invited, and attendance refuses.)
run meeting attend "$M" --resident 赵德明
expect_status 64
ok meeting attend "$M" --present 王建国,李秀英 --guest 刘芳=供电所 --guest 何工=王小红 \
  --resident 吴小军
ok meeting note "$M" --issue "$I1" --speaker 刘芳 --text "线路老化，周志强家门口那段先换"
ok meeting note "$M" --issue "$I1" --speaker 吴小军 --position for --text "同意，联系我13812341234"
ok meeting note "$M" --issue "$I1" --speaker 王建国 --position for --text "尽快办"
ok meeting outcome "$M" --issue "$I1" --result next-round --note "周志强反映属实，下次会议再议"
ok meeting close "$M"

for format in md html json; do
  ok minutes export "$M" --public --format "$format" --out "public.$format"
  # The resident who raised the matter, though a councillor bears the name;
  # the stakeholder 王小红, though a guest's body bears the text; the
  # stakeholder 李方; phones and doors.
  # (周志强 the councillor is in the attendance, named, and 王小红 is the
  # text of a guest's body, named in the guest's row: it is the raiser's and
  # the stakeholders' fields that must not name them.)
  for raw in 李方 吴小军 13912345678 13812341234 502室; do
    ! grep -qF "$raw" "public.$format" || fail "public minutes ($format) show $raw"
  done
  star='*' by='by '
  [ "$format" = md ] && star='\*'
  [ "$format" = json ] && by='"name": "'
  for masked in "${by}周${star}强" "${by}刘${star}" "王${star}红"; do
    grep -qF "$masked" "public.$format" || fail "$masked is not shown ($format)"
  done
  # Those the record has in a public role stay named: the guest 刘芳 in the
  # guests' row, the body's text in the guest's own row, the councillor.
  for named in 刘芳 供电所 王建国; do
    grep -qF "$named" "public.$format" || fail "$named is not named ($format)"
  done
  ok verify --export "public.$format"
done
# Free text keeps its sense: the names are masked where they occur.
grep -qF "周*强家门口" public.html || fail "the opinion's text: $(grep -F 家门口 public.html)"
grep -qF "138****1234" public.html || fail "the phone in an opinion is not masked"

# A decision notice: the free text of a decision names the one who raised it
# and gives a phone; the notice masks both.
export CONSULT_NOW="2026-11-27 19:00"
ok meeting plan --community heping --kind council --at "2026-11-27 19:30" --venue 议事厅 \
  --issue "$I2"
M2=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM meeting')
export CONSULT_NOW="2026-11-27 21:00"
ok meeting attend "$M2" --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋
ok meeting outcome "$M2" --issue "$I2" --result decided --note "刘芳家门口加一个桶，物业联系13811112222"
ok meeting close "$M2"
ok --json decision list --issue "$I2"
decision=$(jq -s -r '.[0].id' "$T/out")
for format in md html; do
  ok notice decision "$decision" --format "$format" --out "notice.$format"
  for raw in 刘芳 13811112222 王小红; do
    ! grep -qF "$raw" "notice.$format" || fail "the decision notice ($format) shows $raw"
  done
  ok verify --export "notice.$format"
done
grep -qF "刘*家门口" notice.html || fail "the notice's text: $(grep -F 家门口 notice.html)"

# The posted agenda and calendar: a title that names the one who raised it.
ok issue add --community heping --title "周志强家楼下的路灯" --raised-by 周志强 --raised-on 2026-11-27 \
  --category facility-repair
I3=$(cat "$T/out")
ok issue accept "$I3"
ok meeting plan --community heping --kind council --at "2026-12-10 19:30" --venue 议事厅 \
  --issue "$I3"
M3=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM meeting')
for format in md html ics; do
  ok meeting export "$M3" --format "$format" --out "agenda.$format"
  grep -qF "家楼下的路灯" "agenda.$format" || fail "the agenda ($format) lost the title"
  ! grep -qF "周志强家" "agenda.$format" || fail "the agenda ($format) names the resident"
done

# Staff outputs without --reveal: the same.
ok meeting show "$M"
for raw in 李方 吴小军; do out_lacks "$raw"; done
out_has 刘芳
out_has "吴*军"
ok --json meeting show "$M"
for raw in 李方 吴小军; do out_lacks "$raw"; done
ok issue show "$I1"
out_lacks 周志强
out_has "周*强"

# Search: unrevealed, a door number finds nothing; the building does.
ok issue list --search 502
out_lacks "楼道灯不亮"
ok issue list --search 5号楼
out_has "楼道灯不亮"
ok issue list --search 502 --reveal
out_has "楼道灯不亮"

# Full minutes name everyone: exported only as a recorded reveal, to a file
# or to standard output, with the account that ran consult.
before=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
ok --as 某某 minutes export "$M" --format md
out_has "周志强"
ok minutes export "$M" --format md --out full.md
after=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event WHERE kind = 'privacy.reveal'")
[ "$after" -eq $((before + 2)) ] || fail "full minutes exports recorded $((after - before)) reveals, not 2"
ok verify --export full.md
login=$(id -un)
ok --json log --reveals
out_has "\"command\":\"minutes export\""
out_has "\"login\":\"$login\""
out_has "\"actor\":\"某某\""
ok log --reveals
out_match "某某 +$login +minutes export"

# Owners' units are their address: cut to the building unless revealed.
printf '房号,业主,面积\n5号楼2单元502室,周志强,89.5\n7号楼1单元301室,王小红、杜永强,76.0\n' >roster.csv
ok owners import roster.csv --community heping
ok owners list --community heping
out_lacks 502室
out_lacks 周志强
out_has "周*强"
ok owners list --community heping --units --json
out_lacks 502室
ok owners list --community heping --units --reveal
out_has 5号楼2单元502室
ok verify
echo ok
