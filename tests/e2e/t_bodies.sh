# Bodies (docs/bodies.md): each meeting is held by a body — the council, a
# building group (楼组), the owners' assembly (业主大会), the residents'
# meeting (居民会议) — or by none (an informal reception day), and is measured
# against that body alone: who was due, whether it was quorate, who may vote,
# whose attendance the report counts. Six stories from the practice and the
# law, with every figure worked out by hand in the comments.
#
# The clock only moves forward (the ledger refuses an earlier time), so the
# stories share one calendar:
#   2026-11-21  seed, issues, owners' roster, plans
#   2026-11-25  council meeting (story 3)
#   2026-11-26  reception day (story 3); 11-30 the November report
#   2026-12-05  owners' assembly, art. 278 votes (story 1)
#   2026-12-06  building group adopts its convention (story 2)
#   2026-12-13  building group, 12 of 24: not quorate (story 2)
#   2026-12-19  residents' meeting, headcount (story 5)
#   2026-12-20  actions and the December report made "today" (story 4)
#   2027-01-04  the December report made after the month (story 4)
#   2027-01-08  reception day in the morning, joint meeting in the afternoon
#               takes up the morning's issue: the agenda changes (story 6)
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed                                    # issues 1-3 (raised 11-12, 11-06, 11-15)
ok issue add --title "改建小区东门及围墙" --category facility-repair --raised-on 2026-11-10 \
  --place 小区东门                        # 4: owners, matter 7 (改建), at the assembly
ok issue add --title "改建地下车库出入口坡道" --category parking --raised-on 2026-11-10 \
  --place 地下车库                        # 5: owners, matter 7, too few take part
ok issue add --title "改建非机动车棚" --category facility-repair --raised-on 2026-11-10 \
  --place 2号楼北侧                       # 6: owners, matter 7, in writing, no meeting
ok issue add --title "制定《7号楼楼组自治公约》" --category neighbour-dispute \
  --raised-on 2026-11-16 --place 7号楼     # 7: the building group's convention
ok issue add --title "7号楼楼道堆物清理" --category safety --raised-on 2026-11-16 \
  --place 7号楼                           # 8: the building group, second meeting
ok issue add --title "修订《和平里社区居民公约》" --category other \
  --raised-on 2026-11-20                  # 9: the residents' meeting
for i in 1 4 5 6 7 8 9; do ok issue accept $i; done

# ---------------------------------------------------------------------------
# The owners' roster (imported now, voted on in story 1): 13 units, 12 owners
# by head — 杨建军 owns 1-2-102 (60.00) and 1-2-201 (40.00) and counts once,
# holding 100.00 m². Areas in m², summed by hand:
#   will agree   王淑芬 80.00 + 李长春 90.50 + 张振华 110.25 + 刘美玲 95.75
#                + 陈永刚 123.50 + 杨建军 100.00                 =   600.00
#   will oppose  黄立新 120.00 + 赵光明 80.00                    =   200.00
#   stay away    吴红梅 99.99 + 周宏伟 100.01 + 徐桂芳 150.00 + 孙小红 50.00
#                                                                 =   400.00
#   total                                                         = 1,200.00
cat >"$T/roster.csv" <<'EOF'
房号,业主,专有面积
1-1-101,王淑芬,80.00
1-1-102,李长春,90.50
1-1-201,张振华,110.25
1-1-202,刘美玲,95.75
1-2-101,陈永刚,123.50
1-2-102,杨建军,60.00
1-2-201,杨建军,40.00
1-2-202,黄立新,120.00
2-1-101,赵光明,80.00
2-1-102,吴红梅,99.99
2-1-201,周宏伟,100.01
2-1-202,徐桂芳,150.00
2-2-101,孙小红,50.00
EOF
ok owners import "$T/roster.csv" --community heping
out_is "13 units, 12 owners by head, 1,200.00 m² of exclusive area"

# ===========================================================================
# Story 3 (first on the calendar): a reception day and the council.
# A reception day (业主接待日) is informal: no body holds it, no one is due,
# no quorum. A councillor who comes takes part as a member; the residents who
# come are recorded by name. The council's attendance rate is the council's
# meetings alone.
# ===========================================================================
ok meeting plan --kind council --at "2026-11-25 19:30" --until 21:00 --venue 社区议事厅 \
  --issue 1 --chair 王建国 --recorder 陈静                           # meeting 1
out_has "meeting 1: 议事会, 2026-11-25 19:30–21:00, 社区议事厅"
out_has "Quorum: needs ≥ 2/3 of 10 seats = 7 present, at least 1 妇女代表"
ok meeting plan --kind reception-day --at "2026-11-26 09:00" --until 11:30 \
  --venue 社区党群服务中心一楼                                          # meeting 2
out_has "meeting 2: 业主接待日, 2026-11-26 09:00–11:30, 社区党群服务中心一楼"
out_has "Quorum: 0 took part; an informal meeting has no quorum"
out_lacks "王建国"
ok meeting show 2
out_has "Body:      none (informal meeting)"
out_has "Rule:      none (informal meeting)"
# No councillor is due, so none can be listed as invited or absent.
for m in 王建国 李秀英 赵德明 孙桂兰 周志强 吴丽华 郑晓燕 冯国平 陈静 刘洋; do out_lacks "$m"; done
out_lacks "seats"
ok meeting show 2 --json
jq -e '.body == "" and .people == [] and ([.composition[] | .invited] | add) == 0' "$T/out" \
  >/dev/null || fail "reception day: someone is due: $(jq -c '{body, people, composition}' "$T/out")"

# The council, 7 of its 10 members (吴丽华 the women's representative among
# them): 2/3 以上 of 10 = 6.67 → 7; 7 ≥ 7, quorate.
export CONSULT_NOW="2026-11-25 21:00"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋 \
  --absent 周志强,郑晓燕 --excused 冯国平=出差
out_is "meeting 1: 7 of 10 seats present; needs ≥ 2/3 = 7; quorate"
ok meeting outcome 1 --issue 1 --result decided --note "物业公司负责屋面防水维修"
out_has "issue 1 decided"
ok meeting close 1
out_is "meeting 1: closed; 0 item(s) carried over"

# The reception day: two residents and one councillor took part.
export CONSULT_NOW="2026-11-26 11:30"
ok meeting attend 2 --resident 张小明 --resident 李娜 --present 王建国
out_is "meeting 2: 3 took part; an informal meeting has no quorum"
ok meeting show 2
out_has "Quorum:    3 took part; an informal meeting has no quorum"
out_match "^王建国 +member +居委会代表 +present"
out_has "张*明"
out_lacks "张小明"
# Still no one due: nobody absent or excused, and the other nine councillors
# are not listed at all.
for m in 李秀英 赵德明 孙桂兰 周志强 吴丽华 郑晓燕 冯国平 陈静 刘洋; do out_lacks "$m"; done
out_lacks "absent"
out_lacks "excused"
ok meeting show 2 --json
jq -e '(.people | length) == 3 and ([.people[] | select(.attendance != "present")] | length) == 0
       and ([.people[] | select(.role == "member")] | map(.name)) == ["王建国"]' "$T/out" >/dev/null ||
  fail "reception day attendance: $(jq -c .people "$T/out")"
# 王建国 took part; at an informal meeting no one is invited or due.
jq -e '([.composition[] | .invited] | add) == 0' "$T/out" >/dev/null || fail "reception day: invited"
# An informal meeting hears residents; it does not vote (no one is due, so
# one councillor who happened to come could not stand for the council).
ok meeting agenda 2 --add 9 --reason "居民当场提出"
before=$(snapshot)
run vote open --meeting 2 --issue 9 --question "同意" --method roll-call --rule majority-present
expect_status 65
err_has "meeting 2 is informal (no body holds it): it hears residents, it does not vote"
[ "$(snapshot)" = "$before" ] || fail "a refused vote changed the ledger"
ok meeting agenda 2 --remove 9 --reason "留待居民会议"
ok meeting close 2
out_is "meeting 2: closed; 0 item(s) carried over"

# The November report. Hand working: the council's meeting: 7 present of 10
# due → 70.0%. If the reception day counted 王建国 as due and present it would
# read 8/11 = 72.7%; if it counted the whole council as due, 8/20 = 40.0%.
# By seat: committee 王建国 李秀英 2/2; key residents 赵德明 孙桂兰 of 3 = 2/3;
# women 1/1; social orgs 0/1; social resources 0/1; social workers 2/2.
export CONSULT_NOW="2026-11-30 18:00"
ok report --period 2026-11 --json
jq -e '.attendance_rate == "70.0%"
  and .attendance_by_body == {"council": {"due": 10, "present": 7}}
  and .attendance == {"committee": {"due": 2, "present": 2}, "key-residents": {"due": 3, "present": 2},
                      "women": {"due": 1, "present": 1}, "social-orgs": {"due": 1, "present": 0},
                      "social-resources": {"due": 1, "present": 0}, "social-workers": {"due": 2, "present": 2}}
  and .meetings_held == 2 and .meetings_by_kind == {"council": 1, "reception-day": 1}' "$T/out" >/dev/null ||
  fail "November report: $(jq -c '{attendance_rate, attendance_by_body, attendance, meetings_by_kind}' "$T/out")"
# A period that cuts the month is counted from the rows, not the monthly
# tallies: the same figures.
ok report --period 2026-11-20..2026-11-30 --json
jq -e '.attendance_rate == "70.0%" and .attendance_by_body == {"council": {"due": 10, "present": 7}}' \
  "$T/out" >/dev/null || fail "cut period: $(jq -c '{attendance_rate, attendance_by_body}' "$T/out")"
# By kind: the reception day's row has no attendance at all.
ok report --period 2026-11 --by kind --json
jq -s -e '(.[] | select(.kind == "reception-day") | .attendance_by_body == {} and .attendance_rate == null)
  and (.[] | select(.kind == "council") | .attendance_rate == "70.0%")' "$T/out" >/dev/null ||
  fail "report by kind: $(jq -c '{kind, attendance_rate, attendance_by_body}' "$T/out")"
ok report --period 2026-11
out_match "^attendance rate of council members +70\.0%$"
out_match "^  attendance of 骨干居民代表 +2/3$"

# ===========================================================================
# Story 1: the owners' assembly, a written vote under 民法典 art. 278.
# Participation: 2/3 以上 of the owners by head AND of the exclusive area;
# matters 6-8 (7: 改建、重建) need 3/4 以上 of the participating area and heads.
# Judged by the roster, never by the meeting's attendance or council seats.
# ===========================================================================
export CONSULT_NOW="2026-12-01 09:00"
ok meeting plan --kind owners-assembly --at "2026-12-05 09:00" --until 11:00 --venue 社区广场 \
  --issue 4,5                                                        # meeting 3
out_has "meeting 3: 业主大会, 2026-12-05 09:00–11:00, 社区广场"
# The assembly's electorate is the roster: 12 owners by head (2/3 of 12 = 8).
out_has "Quorum: needs ≥ 2/3 of 12 entitled = 8 present"
ok meeting show 3
out_has "Body:      和平里小区业主大会 (owners-assembly)"
out_lacks "王建国"
out_lacks "seats"
# The building group's meeting (story 2), planned now too.
ok meeting plan --kind building-group --at "2026-12-06 19:00" --until 20:30 --venue 7号楼架空层 \
  --issue 7 --chair 赵德明                                             # meeting 4
out_has "meeting 4: 楼组会议, 2026-12-06 19:00–20:30, 7号楼架空层"
out_has "Quorum: needs > 1/2 of 24 entitled = 13 present"
out_match "^7号楼楼组 +1 +0 +赵德明$"
out_lacks "王建国"

# At the assembly only 3 owners came in person; the rest vote by written
# ballot. 3 of 12 present is below 2/3, and it must not matter.
export CONSULT_NOW="2026-12-05 09:10"
ok meeting attend 3 --headcount 3
out_is "meeting 3: 3 of 12 entitled present; needs ≥ 2/3 = 8; not quorate"
ok vote open --meeting 3 --issue 4 --question "改建小区东门及围墙" --method written \
  --rule civil-code-278 --matter 7                                    # vote 1
out_is "vote 1 open on issue 4: 改建小区东门及围墙 by written under civil-code-278; owners' roster: 12 owners by head, 1,200.00 m²"
ok vote open --meeting 3 --issue 5 --question "改建地下车库出入口坡道" --method written \
  --rule civil-code-278 --matter 7                                    # vote 2
# Ballots by name or by unit; 杨建军 votes by his second unit.
cast_exact_quorum() { # VOTE: 8 owners, 600.00 m² yes, 200.00 m² no
  for b in 王淑芬=yes 1-1-102=yes 张振华=yes 1-1-202=yes 陈永刚=yes 1-2-201=yes 黄立新=no 2-1-101=no; do
    ok vote cast "$1" --voter "${b%=*}" --choice "${b#*=}"
  done
}
cast_exact_quorum 1
out_is "vote 1: ballot of 赵*明 (units ***, 80.00 m²) recorded (8 of 12)"
# One owner of two units votes once.
before=$(snapshot)
run vote cast 1 --voter 1-2-102 --choice no
expect_status 65
err_has "has already voted in vote 1"
[ "$(snapshot)" = "$before" ] || fail "a refused ballot changed the ledger"

# Vote 2: one owner short. 7 owners holding 803.75 m², all for:
#   陈永刚 123.50 + 徐桂芳 150.00 + 黄立新 120.00 + 张振华 110.25
#   + 杨建军 100.00 + 周宏伟 100.01 + 吴红梅 99.99 = 803.75
# Area: 80,375 × 3 = 241,125 ≥ 120,000 × 2 = 240,000 (hundredths) — met,
# 803.75/1,200.00 = 66.979 % → 67.0 %. Heads: 7 × 3 = 21 < 12 × 2 = 24 — not
# met (58.3 %). Agreement 100 % both ways. Rejected on participation by head.
for o in 陈永刚 徐桂芳 黄立新 张振华 杨建军 周宏伟 吴红梅; do ok vote cast 2 --voter "$o" --choice yes; done

# Vote 1: participation exactly 2/3 and agreement exactly 3/4, both ways.
#   area taking part 800.00 of 1,200.00: 80,000 × 3 = 240,000 ≥ 120,000 × 2 = 240,000  (66.7 %)
#   owners taking part 8 of 12:           8 × 3 = 24 ≥ 12 × 2 = 24                    (66.7 %)
#   area agreeing 600.00 of 800.00:       60,000 × 4 = 240,000 ≥ 80,000 × 3 = 240,000 (75.0 %)
#   owners agreeing 6 of 8:               6 × 4 = 24 ≥ 8 × 3 = 24                     (75.0 %)
# "以上" includes the bound: approved, although the meeting had 3 of 12.
V1="approved: area 800.00 of 1,200.00 m² taking part (66.7%) ≥ 2/3; owners 8 of 12 taking part (66.7%) ≥ 2/3; area 600.00 of 800.00 m² agree (75.0%) meets ≥ 3/4; owners 6 of 8 agree (75.0%) meets ≥ 3/4 (matter 7 of art. 278)"
export CONSULT_NOW="2026-12-05 11:00"
ok vote close 1
out_is "vote 1: $V1
decision 2 recorded; issue 4 is decided"
ok vote close 2
out_is "vote 2: rejected: area 803.75 of 1,200.00 m² taking part (67.0%) ≥ 2/3; owners 7 of 12 taking part (58.3%) < 2/3; area 803.75 of 803.75 m² agree (100.0%) meets ≥ 3/4; owners 7 of 7 agree (100.0%) meets ≥ 3/4 (matter 7 of art. 278)
decision 3 recorded; issue 5 is consulting"
ok decision show 2
out_has "Reasoning: $V1"
ok meeting show 3 --json
jq -e '[.items[] | [.issue, .outcome]] == [[4, "decided"], [5, "next-round"]]' "$T/out" >/dev/null ||
  fail "assembly outcomes: $(jq -c '[.items[] | [.issue, .outcome]]' "$T/out")"
ok meeting close 3
out_is "meeting 3: closed; 1 item(s) carried over"

# The same ballots in writing without a meeting: the same result, word for word.
ok vote open --issue 6 --question "改建非机动车棚" --method written --rule civil-code-278 --matter 7
out_is "vote 3 open on issue 6: 改建非机动车棚 by written under civil-code-278; owners' roster: 12 owners by head, 1,200.00 m²"
cast_exact_quorum 3
ok vote close 3
out_is "vote 3: $V1
decision 4 recorded; issue 6 is decided"

# The owners' decisions are the assembly's: its notice is signed by the
# assembly and objections go to the owners' committee, as the file says —
# never the residents' committee (writer 4). The one taken at the assembly
# (decision 2) and the one in writing without a meeting (decision 4) alike.
for d in 2 4; do
  ok notice decision "$d" --days 7 --format md --out "notice$d.md"
  grep -qF "和平里小区业主大会" "notice$d.md" || fail "owners' notice $d not signed by the assembly"
  grep -qF "业主如有异议，可在公示期内向和平里小区业主委员会提出" "notice$d.md" ||
    grep -qF "Owners with objections may raise them with 和平里小区业主委员会" "notice$d.md" ||
    fail "owners' notice $d: objections not to the owners' committee: $(grep -n '异议\|objections' "notice$d.md")"
  ! grep -qF "居民委员会" "notice$d.md" || fail "owners' notice $d signed by the residents' committee"
  ! grep -qF "residents' committee" "notice$d.md" || fail "owners' notice $d signed by the residents' committee"
  ok verify --export "notice$d.md"
done

# ===========================================================================
# Story 2: the building group of 7号楼 adopts its convention (自治公约).
# 楼组: the households of the building, 24 entitled; more than half (过半数)
# must come: 24/2 = 12, more than 12 → 13. The 楼组长 赵德明 (the body's
# member) counts as a head with the residents named.
# ===========================================================================
R12="林海燕,何志明,高秀兰,罗文军,梁晓红,宋建平,唐丽娟,许国强,韩春燕,邓志华,冯晓东,曹玉珍"
export CONSULT_NOW="2026-12-06 19:10"
ok meeting attend 4 --present 赵德明 --resident "$R12"
out_is "meeting 4: 13 of 24 entitled present; needs > 1/2 = 13; quorate"  # 12 + 1, the bound
ok meeting attend 4 --resident 彭建华
out_is "meeting 4: 14 of 24 entitled present; needs > 1/2 = 13; quorate"
# A councillor at the building group's meeting is a guest from the council:
# not a head, not due, no vote.
ok meeting attend 4 --present 王建国
out_is "meeting 4: 14 of 24 entitled present; needs > 1/2 = 13; quorate"
ok meeting show 4
out_has "Body:      7号楼楼组 (building-7)"
out_has "Rule:      过半数（出席） (majority-present)"
out_has "Quorum:    14 of 24 entitled present; needs > 1/2 = 13; quorate"
out_lacks "seats"
out_match "^7号楼楼组 +1 +1 +赵德明$"
out_match "^赵德明 +member .*present"
out_match "^王建国 +guest +present +和平里社区居民议事会"
out_has "林*燕"
out_lacks "林海燕"
for m in 李秀英 孙桂兰 吴丽华; do out_lacks "$m"; done   # the council is not due here
ok meeting show 4 --json
jq -e '.quorum.present == 14 and .quorum.needed == 13 and .quorum.quorate == true
       and ([.people[] | select(.role == "resident")] | length) == 13' "$T/out" >/dev/null ||
  fail "building group quorum: $(jq -c .quorum "$T/out")"

# The vote: a roll call of those present, by the body's rule (majority-present).
# Without --rule: the rule the meeting was planned under (the body's).
ok vote open --meeting 4 --issue 7 --question "通过《7号楼楼组自治公约》" --method roll-call # vote 4
out_has "vote 4 open on issue 7: 通过《7号楼楼组自治公约》 by roll-call under majority-present"
# A resident not recorded as present, and the council's guest, may not vote.
before=$(snapshot)
run vote cast 4 --voter 曾庆福 --choice yes
expect_status 65
err_has "may not vote in vote 4: not recorded as present at meeting 4"
# The hint lists who may vote as staff see them: residents masked.
! grep -qF "林海燕" "$T/err" || fail "the hint names residents in clear"
err_has "林*燕"
run vote cast 4 --voter 王建国 --choice yes
expect_status 65
err_has "王建国 came to meeting 4 as a guest: guests speak, they do not vote"
[ "$(snapshot)" = "$before" ] || fail "a refused ballot changed the ledger"
# 14 present; more than half of them must agree: 14/2 = 7, more than 7 → 8.
# Yes 7 (林 何 高 罗 梁 宋 唐), no 4 (许 韩 邓 冯), abstain 2 (曹 赵德明):
# 7 of 14 is exactly half, not more than half: not yet; 彭建华's yes makes 8.
ok vote cast 4 --voter 林海燕 --choice yes
out_has "(1 of 14)"
# A resident's ballot is confirmed with the name masked, as owners' are.
out_is "vote 4: ballot of 林*燕 recorded (1 of 14)"
i=1
for n in 何志明 高秀兰 罗文军 梁晓红 宋建平 唐丽娟 许国强 韩春燕 邓志华 冯晓东 曹玉珍 赵德明; do
  i=$((i + 1))
  c=yes; [ $i -gt 7 ] && c=no; [ $i -gt 11 ] && c=abstain
  ok vote cast 4 --voter "$n" --choice "$c"
done
ok vote show 4
out_match "^So far: +rejected: 7 of 14 present agree; needs > 1/2 = 8;"
out_has "Ballots:    13 of 14: yes 7, no 4, abstain 2"
# vote show masks the residents of the meeting the vote was taken at.
out_lacks "林海燕"
before=$(snapshot)
run vote cast 4 --voter 林海燕 --choice no
expect_status 65
err_has "has already voted in vote 4"
! grep -qF "林海燕" "$T/err" || fail "the refusal names a resident in clear"
[ "$(snapshot)" = "$before" ] || fail "a second ballot changed the ledger"
ok vote cast 4 --voter 彭建华 --choice yes
out_has "(14 of 14)"
export CONSULT_NOW="2026-12-06 20:20"
ok vote close 4
# The reasoning counts the households against those entitled, as meeting show does.
out_has "vote 4: approved: 8 of 14 present agree; needs > 1/2 = 8; 14 of 24 entitled present; needs > 1/2 = 13; quorate"
out_has "vote 4: approved: 8 of 14 present agree; needs > 1/2 = 8; 14 of 24 "
out_has "; needs > 1/2 = 13; quorate"
out_has "decision 5 recorded; issue 7 is decided"
# The residents who voted are masked in the public minutes' ballots, as in
# their attendance; the 楼组长 is named. The log masks the vote's voters.
ok minutes export 4 --public --format md --out minutes4.md
! grep -qF "林海燕" minutes4.md || fail "the public minutes name a resident who voted"
grep -qF "林\\*燕" minutes4.md || grep -qF "林*燕" minutes4.md ||
  fail "the public minutes lack the masked voter: $(grep -n '林' minutes4.md | head -3)"
grep -qF "赵德明" minutes4.md || fail "the public minutes do not name the 楼组长"
# Heads by name (no headcount was taken): the head and 13 households of 24;
# the body's member listed under the body, due and present.
grep -qF "14 of 24 entitled present, by name (58.3%)." minutes4.md ||
  fail "the minutes do not count the heads named: $(grep -n 'entitled' minutes4.md)"
grep -qE '^\| 7号楼楼组 \| 1 \| 1 \| 100(\.0)?% \| 赵德明 ' minutes4.md ||
  fail "the minutes do not list the building group's head: $(grep -n '7号楼楼组' minutes4.md)"
ok log --json
! grep -qF "林海燕" "$T/out" || fail "the log names a resident who voted"
# No more heads by name than households entitled, and no headcount below them.
before=$(snapshot)
run meeting attend 4 --headcount 10
expect_status 65
err_has "a headcount of 10, but 14 are recorded as present by name"
[ "$(snapshot)" = "$before" ] || fail "a refused headcount changed the ledger"
ok meeting close 4
out_is "meeting 4: closed; 0 item(s) carried over"

# The second meeting: 11 residents and the 楼组长 — 12 of 24, exactly half:
# 过半数 needs 13, so not quorate, and it cannot decide.
ok meeting plan --kind building-group --at "2026-12-13 19:00" --until 20:30 --venue 7号楼架空层 \
  --issue 8                                                           # meeting 5
export CONSULT_NOW="2026-12-13 19:10"
ok meeting attend 5 --present 赵德明 --resident 林海燕,何志明,高秀兰,罗文军,梁晓红,宋建平,唐丽娟,许国强,韩春燕,邓志华,冯晓东
out_is "meeting 5: 12 of 24 entitled present; needs > 1/2 = 13; not quorate"
before=$(snapshot)
run meeting outcome 5 --issue 8 --result decided
expect_status 65
err_has "meeting 5 cannot decide: 12 of 24 entitled present; needs > 1/2 = 13; not quorate"
[ "$(snapshot)" = "$before" ] || fail "a refused outcome changed the ledger"
ok meeting outcome 5 --issue 8 --result next-round
ok meeting close 5
out_is "meeting 5: closed; 1 item(s) carried over"

# ===========================================================================
# Story 5: the residents' meeting (居民会议), 居委会组织法 art. 9: more than
# half of those entitled must attend; decisions by more than half of those
# present. Counted by headcount against the entitled households, never seats.
# ===========================================================================
ok meeting plan --kind residents-meeting --at "2026-12-19 09:00" --until 11:00 --venue 社区广场 \
  --issue 9                                                           # meeting 6: the body's 1350
out_has "Quorum: needs > 1/2 of 1350 entitled = 676 present"         # 1350/2 = 675, more → 676
ok meeting plan --kind residents-meeting --at "2026-12-19 14:00" --until 16:00 --venue 社区广场 \
  --entitled 1200                                                     # meeting 7: --entitled overrides
out_has "Quorum: needs > 1/2 of 1200 entitled = 601 present"         # 1200/2 = 600, more → 601
export CONSULT_NOW="2026-12-19 09:30"
ok meeting attend 6 --headcount 675
out_is "meeting 6: 675 of 1350 entitled present; needs > 1/2 = 676; not quorate"
ok meeting attend 6 --headcount 676
out_is "meeting 6: 676 of 1350 entitled present; needs > 1/2 = 676; quorate"
ok meeting show 6
out_has "Quorum:    676 of 1350 entitled present; needs > 1/2 = 676; quorate"
out_lacks "seats"
ok meeting show 6 --json
jq -e '.entitled == 1350 and .headcount == 676 and .quorum.statement == "676 of 1350 entitled present; needs > 1/2 = 676; quorate"' \
  "$T/out" >/dev/null || fail "residents' meeting JSON: $(jq -c '{entitled, headcount, quorum}' "$T/out")"
# A show of hands by the kind's rule: more than half of the 676 present,
# 676/2 = 338 → 339. 339 + 300 + 37 = 676.
ok vote open --meeting 6 --issue 9 --question "修订《和平里社区居民公约》" --method show-of-hands  # vote 5
out_has "under residents-meeting; 676 present of 1350 entitled (meeting 6)"
ok vote tally 5 --count yes=339,no=300,abstain=37
ok vote close 5
out_is "vote 5: approved: 339 of 676 present agree; needs > 1/2 = 339; 676 of 1350 entitled present; needs > 1/2 = 676; quorate
decision 6 recorded; issue 9 is decided"
ok meeting close 6
export CONSULT_NOW="2026-12-19 14:30"
ok meeting attend 7 --headcount 601
out_is "meeting 7: 601 of 1200 entitled present; needs > 1/2 = 601; quorate"
ok meeting cancel 7 --reason "合并至上午会议"   # not held: not in the figures

# ===========================================================================
# Story 4: overdue actions. "Overdue" is not done and due before today; a
# report of a month still running counts as of today, one of a past month as
# of its last day.
# ===========================================================================
export CONSULT_NOW="2026-12-20 10:00"
ok action add --decision 5 --owner 7号楼楼组 --what "在楼道张贴《自治公约》" --due 2026-12-19   # action 1: yesterday
ok action add --decision 5 --owner 7号楼楼组 --what "公约文本发至楼组微信群" --due 2026-12-20 # action 2: today
ok action add --decision 5 --owner 7号楼楼组 --what "逐户签署公约" --due 2026-12-28           # action 3: later this month
ok action overdue --all
out_match "^ *1 +7 +7号楼楼组 +在楼道张贴《自治公约》 +2026-12-19 "
[ "$(grep -c '2026-12-' "$T/out")" = 1 ] || fail "overdue on 12-20: not only action 1"
# December, made today (12-20): as of 12-20, only action 1 (12-19 < 12-20).
# Attendance: the building group's two meetings, its one member present at
# both: 2 of 2; 王建国 came as a guest and counts nowhere; no council meeting,
# so no council rate. The assembly and the residents' meeting have no members.
ok report --period 2026-12 --json
jq -e '.overdue_actions == 1 and .attendance_rate == null and .attendance == {}
       and .attendance_by_body == {"building-7": {"due": 2, "present": 2}}' "$T/out" >/dev/null ||
  fail "December report: $(jq -c '{overdue_actions, attendance_rate, attendance, attendance_by_body}' "$T/out")"
# November, made today: as of its end, 11-30: nothing was due then.
ok report --period 2026-11 --json
jq -e '.overdue_actions == 0' "$T/out" >/dev/null || fail "November overdue: $(jq .overdue_actions "$T/out")"
# The year so far: as of today, 1; both bodies' attendance, the council's rate.
ok report --period 2026 --json
jq -e '.overdue_actions == 1 and .attendance_rate == "70.0%"
       and .attendance_by_body == {"building-7": {"due": 2, "present": 2}, "council": {"due": 10, "present": 7}}' \
  "$T/out" >/dev/null ||
  fail "2026 report: $(jq -c '{overdue_actions, attendance_rate, attendance_by_body}' "$T/out")"
ok report --period 2026-12
out_match "^overdue actions +1$"
# The table shows each body's attendance too, named as the file names it.
out_match "^  attendance at meetings of 7号楼楼组 +2/2$"
# An amount of 1,000 yuan or more is a number in the workbook (a SUM counts
# it), not the text "1,260.00".
ok fund add --kind income --amount 1260 --party 物业公司 --purpose "楼道公约印制赞助"
ok report --period 2026-12 --format xlsx --out december.xlsx
/usr/bin/python3 - december.xlsx <<'PY' || fail "the workbook's fund income is not the number 1260"
import sys
from openpyxl import load_workbook
rows = dict(list(load_workbook(sys.argv[1])["Figures"].iter_rows(values_only=True))[1:])
v = rows["fund income (yuan)"]
assert isinstance(v, (int, float)) and v == 1260, repr(v)
PY

export CONSULT_NOW="2026-12-27 18:00"
ok action done 3 --note "24户已全部签署"
# After the month: as of 12-31, actions 1 (12-19) and 2 (12-20) are overdue;
# 3 is done.
export CONSULT_NOW="2027-01-04 09:00"
ok report --period 2026-12 --json
jq -e '.overdue_actions == 2' "$T/out" >/dev/null || fail "December after the fact: $(jq .overdue_actions "$T/out")"
ok action overdue --all
out_has "2026-12-19"
out_has "2026-12-20"
out_lacks "2026-12-28"


# ---------------------------------------------------------------------------
# Story 6: the morning's reception day, the afternoon's joint meeting. The
# weekly job planned the joint meeting of 2027-01-08 a week ahead; a resident
# raises a matter at that morning's reception day; it is accepted and put on
# the afternoon's agenda, first. An item already taken up stays on it.
export CONSULT_NOW="2027-01-05 10:00"
ok issue accept 2
ok meeting plan --community heping --kind joint --at "2027-01-08 14:30" --venue 社区议事厅 \
  --body council --issue 2
ok meeting list --json --status planned
mj=$(jq -r 'select(.kind == "joint") | .id' "$T/out" | tail -n 1)
[ -n "$mj" ] || fail "the joint meeting was not planned"
export CONSULT_NOW="2027-01-08 09:30"
ok meeting plan --community heping --kind reception-day --at "2027-01-08 09:00" --until 11:30 \
  --venue 社区党群服务中心一楼
ok issue add --title "东门路灯不亮，夜间出行不便" --channel reception-day --category facility-repair \
  --raised-by 周小燕 --raised-on 2027-01-08 --place 小区东门
ok issue list --json --limit 1000
ni=$(jq -r 'select(.title == "东门路灯不亮，夜间出行不便") | .id' "$T/out")
[ -n "$ni" ] || fail "the reception day's issue was not recorded"
# Collected, not yet accepted: it cannot go on an agenda.
before=$(snapshot)
run meeting agenda "$mj" --add "$ni"
expect_status 65
err_has "accept it first"
[ "$(snapshot)" = "$before" ] || fail "a refused agenda change changed the ledger"
ok issue accept "$ni"
export CONSULT_NOW="2027-01-08 12:00"
ok meeting agenda "$mj" --add "$ni" --at 1 --reason "上午接待日居民反映"
ok meeting show "$mj" --json
jq -e --argjson ni "$ni" '[.items[] | .issue] == [$ni, 2]' "$T/out" >/dev/null ||
  fail "the afternoon's agenda: $(jq -c '[.items[] | .issue]' "$T/out")"
# Twice is refused; moving it back to the end works.
run meeting agenda "$mj" --add "$ni"
expect_status 65
err_has "is already on the agenda of meeting $mj"
ok meeting agenda "$mj" --move "$ni" --to 2
ok meeting show "$mj" --json
jq -e --argjson ni "$ni" '[.items[] | .issue] == [2, $ni]' "$T/out" >/dev/null ||
  fail "after the move: $(jq -c '[.items[] | .issue]' "$T/out")"
# A position past the end is refused, not quietly moved.
run meeting agenda "$mj" --move "$ni" --to 9
expect_status 64
err_has "position 9 is past the end of the agenda (2 items)"
# Each change is in the record.
ok log --entity "meeting:$mj" --json
[ "$(grep -c '"meeting.agenda"' "$T/out")" = 2 ] || fail "the agenda changes are not both logged"
# Taken up (an opinion recorded): it stays on the agenda.
export CONSULT_NOW="2027-01-08 14:40"
ok meeting note "$mj" --issue 2 --speaker 王建国 --text "先请物业查明原因"
run meeting agenda "$mj" --remove 2
expect_status 65
err_has "has been taken up at meeting $mj"
# Not yet taken up: it may go, with a reason.
ok meeting agenda "$mj" --remove "$ni" --reason "物业已当场修复"
ok meeting show "$mj" --json
jq -e '[.items[] | .issue] == [2]' "$T/out" >/dev/null || fail "after the removal"

ok verify
