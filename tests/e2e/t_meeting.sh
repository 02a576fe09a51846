# A full meeting cycle from the command line: issues → plan with an automatic
# agenda → attendance and quorum → opinions → outcomes → close → the next
# meeting takes the undecided issues first. Refusals change nothing.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue add --title "楼下噪音扰民" --channel visit --category neighbour-dispute \
  --raised-on 2026-11-18 --priority high
ok issue add --title "垃圾桶满溢" --category garbage-sorting --raised-on 2026-11-01 --priority urgent
for i in 1 2 3 5; do ok issue accept $i; done

# Planning: issue 4 is still collected; issue 5 is urgent so it leads; issue 4
# and anything raised after 2026-11-25 stay off.
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --venue 社区议事厅 --chair 王建国 --recorder 陈静 --auto-agenda
out_has "meeting 1: 议事会, 2026-12-02 19:30–21:00, 社区议事厅"
out_match "^1 +5 +垃圾桶满溢"
out_match "^2 +2 +希望开放儿童活动室"
out_match "^3 +1 +3号楼屋顶漏水"
out_match "^4 +3 +电动车在楼道充电"
out_has "利益相关方"
out_has "物业公司"
out_has "Quorum: needs ≥ 2/3 of 10 seats = 7 present, at least 1 妇女代表"
err_empty

# Inside the notice period: a warning naming the rule, on stderr.
ok meeting plan --community heping --kind bench --at "2026-11-25 19:00" --venue 5号楼楼下
err_has "inside the notice period: rules.notice_days = 7"
# Same venue, overlapping time: a warning.
ok meeting plan --community heping --kind round-table --at "2026-12-02 20:00" --venue 社区议事厅
err_has "社区议事厅 is also booked for meeting 1"
ok meeting cancel 3 --reason "与议事会冲突"
out_is "meeting 3: cancelled"

# Refusals: unknown kind (64), a collected issue (65), end before start (64).
before=$(snapshot)
run meeting plan --kind party --at "2026-12-03 19:30"
expect_status 64
err_has "known kinds:"
run meeting plan --kind council --at "2026-12-10 19:30" --issue 4
expect_status 65
err_has "issue 4 cannot be put on an agenda: it is collected"
run meeting plan --kind council --at "2026-12-10 19:30" --until 18:00
expect_status 64
run meeting outcome 1 --issue 1 --result decided
expect_status 65
err_has "cannot decide before its attendance is recorded"
run meeting attend 1 --present 路人甲
expect_status 65
err_has "--guest NAME"
[ "$(snapshot)" = "$before" ] || fail "a refused command changed the ledger"

# Holding it: 7 of 10 with one proxy, but no women's representative.
export CONSULT_NOW="2026-12-02 21:05"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,陈静,刘洋 \
  --excused 吴丽华=出差 --proxy 周晓=周志强 --guest 何工=区房管局 --present 物业公司
out_has "7 of 10 seats present; needs ≥ 2/3 = 7; quorate (1 by proxy)"
out_has "rules.require_present asks for at least 1 妇女代表"
run meeting outcome 1 --issue 5 --result decided
expect_status 65
ok meeting attend 1 --present 吴丽华
out_is "meeting 1: 8 of 10 seats present; needs ≥ 2/3 = 7; quorate (1 by proxy)"

ok meeting note 1 --issue 5 --speaker 赵德明 --position for --text "增加一组垃圾桶"
out_is "issue 5: opinion recorded (round 1)"
ok meeting note 1 --issue 1 --speaker 张小明 --position against --text "维修资金不够"
ok meeting outcome 1 --issue 5 --result decided --note "物业增设垃圾桶"
out_has "issue 5 decided (issue is decided, round 1)"
ok meeting outcome 1 --issue 1 --result site-inspection
out_has "issue is consulting, round 1"
ok meeting outcome 1 --issue 2 --result next-round
run meeting outcome 1 --issue 2 --result decided
expect_status 65
err_has "already recorded: next-round"
ok meeting close 1
out_is "meeting 1: closed; 3 item(s) carried over"
err_has "1 item(s) without an outcome carried over"

ok meeting show 1
out_has "Quorum:    8 of 10 seats present; needs ≥ 2/3 = 7; quorate (1 by proxy)"
out_match "by proxy +proxy: 周\\*"
out_has "区房管局"
out_has "张*明"
out_lacks "张小明"
out_match "4 +3 +电动车在楼道充电 .* not-reached"
ok meeting show 1 --reveal
out_has "张小明"
ok meeting show 1 --json
jq -e '.quorum.quorate == true and .quorum.needed == 7 and (.items | length) == 4' "$T/out" >/dev/null ||
  fail "JSON quorum"
run meeting note 1 --issue 1 --text "会后补充"
expect_status 65
err_has "it is closed"

# The next meeting: carried issues (1, 2, 3) first, then the rest.
export CONSULT_NOW="2026-12-03 10:00"
ok issue accept 4
ok meeting plan --kind council --at "2026-12-16 19:30" --auto-agenda --max 3 --json
jq -e '[.items[] | .issue] == [2, 1, 3] and ([.items[] | .carried] | all)' "$T/out" >/dev/null ||
  fail "carried issues first: $(jq -c '[.items[] | [.issue, .carried]]' "$T/out")"
ok meeting note 4 --issue 1 --text "踏勘后再议" --speaker 王建国
out_is "issue 1: opinion recorded (round 2)"

ok meeting reschedule 4 --at "2026-12-17 19:30" --until 21:00 --reason "与街道会议冲突"
out_has "2026-12-17 19:30–21:00"
ok meeting list --format csv
out_has "4,2026-12-17 19:30–21:00,heping,议事会"
ok meeting list --from 2026-12-17 --to 2026-12-17 --json
[ "$(jq -s -c '[.[].id]' "$T/out")" = "[4]" ] || fail "list --from --to: $(cat "$T/out")"
ok meeting list --status cancelled --json
jq -e '.id == 3 and .status == "cancelled"' "$T/out" >/dev/null || fail "list --status"

ok issue show 1
out_has "accepted → consulting (round 1) at meeting 1"
out_has "consulting → consulting (round 2) at meeting 4"
ok meeting export 4 --format ics --out m4.ics
tag=$(sqlite3 "$CONSULT_LEDGER" "SELECT substr(hash, 1, 12) FROM event WHERE seq = 1")
grep -q "^UID:meeting-heping-4-$tag@consult" m4.ics || fail "ics UID"
# An online deliberation: the link goes into the calendar event, escaped.
ok meeting plan --kind online --at "2026-12-18 20:00" --until 21:00 \
  --online "https://meeting.example/j/123?pwd=a,b;c" --title "线上议事：充电桩选址" --issue 4
run meeting plan --kind online --at "2026-12-18 20:00" --online "not a link"
expect_status 64
ok meeting export 5 --format ics --out m5.ics
/usr/bin/python3 - m5.ics <<'PY' || fail "online meeting calendar"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = next(iter(cal.walk("VEVENT")))
assert str(ev["URL"]) == "https://meeting.example/j/123?pwd=a,b;c", ev["URL"]
assert "Online: https://meeting.example/j/123?pwd=a,b;c" in str(ev["DESCRIPTION"])
assert str(ev["SUMMARY"]) == "线上议事：充电桩选址"
assert ev["DTEND"].dt.strftime("%H:%M %Z") == "21:00 CST"
PY
ok meeting export 5 --format md
out_has "| Online | https://meeting.example/j/123?pwd=a,b;c |"

# A residents' meeting: heads of those entitled, more than half (过半数).
ok meeting plan --kind residents-meeting --at "2026-12-19 09:00" --entitled 1200 \
  --venue 社区广场 --json
jq -e '.quorum.statement == "needs > 1/2 of 1200 entitled = 601 present"' "$T/out" >/dev/null ||
  fail "residents' meeting plan: $(jq -r .quorum.statement "$T/out")"
ok meeting attend 6 --headcount 600
out_is "meeting 6: 600 of 1200 entitled present; needs > 1/2 = 601; not quorate"
ok meeting attend 6 --headcount 601
out_is "meeting 6: 601 of 1200 entitled present; needs > 1/2 = 601; quorate"
run meeting attend 4 --headcount 5
expect_status 64

ok log --entity meeting:1
out_has "meeting.close"
ok verify
