# Elections of persons (docs/bodies.md, "Elections"): building 7's group
# (楼组, 24 households entitled) elects its two building heads (楼栋长) from
# three candidates by secret ballot at its meeting; tellers count, a
# scrutineer watches; those elected are due at the group's meetings from the
# first day of their term. Then the cases the rule must state rather than
# decide silently: a tie for the last seat, too few voters, a count that
# cannot be right. Every figure is worked by hand in the comments.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
ok meeting plan --kind building-group --at "2026-12-06 19:00" --venue 7号楼架空层 \
  --title "7号楼楼组会议：选举楼栋长"      # meeting 1, the building group's
out_has "meeting 1"

# --- The election: 2 seats, 3 candidates (差额), secret ballot -------------
ok election open --body building-7 --role 楼栋长 --seats 2 --meeting 1 \
  --candidate 赵德明 --candidate 孙丽 --candidate 周建国 \
  --teller 吴敏 --scrutineer 郑海 --since 2027-01-01 --until 2029-12-31
out_has "election 1"
out_has "contested"
ok election show 1 --json
[ "$(jq -r .electorate "$T/out")" = 24 ] || fail "those entitled are the group's 24 households"
[ "$(jq -r .contested "$T/out")" = true ] || fail "3 candidates for 2 seats is 差额"
[ "$(jq -r '.tellers[0]' "$T/out")" = 吴敏 ] || fail "the teller is recorded"
[ "$(jq -r '.scrutineers[0]' "$T/out")" = 郑海 ] || fail "the scrutineer is recorded"

# A candidate neither counts nor watches the count.
before=$(snapshot)
run election open --body building-7 --seats 1 --candidate 赵德明 --scrutineer 赵德明
expect_status 64
err_has "scrutineer"
# Fewer candidates than seats is no election.
run election open --body building-7 --seats 2 --candidate 赵德明
expect_status 64
err_has "2 seats"
# The residents' meeting has no seats: everyone entitled takes part.
run election open --body residents-meeting --seats 1 --candidate 赵德明
expect_status 64
[ "$before" = "$(snapshot)" ] || fail "a refused election changed the ledger"

export CONSULT_NOW="2026-12-06 21:00"
# Counts that cannot be right are refused, the ledger unchanged:
# 22 cast, 1 spoilt: 21 valid ballots, each naming at most 2 → at most 42
# votes in all; 18 + 15 + 12 = 45 is more.
before=$(snapshot)
run election tally 1 --issued 24 --cast 22 --invalid 1 --count 赵德明=18,孙丽=15,周建国=12
expect_status 65
err_has "42"
# More ballots cast than handed out.
run election tally 1 --issued 20 --cast 22 --count 赵德明=18,孙丽=15,周建国=9
expect_status 65
# Every candidate's count is given (0 for none).
run election tally 1 --cast 22 --count 赵德明=18,孙丽=15
expect_status 64
err_has "周建国"
# Closing before the count.
run election close 1
expect_status 65
[ "$before" = "$(snapshot)" ] || fail "a refused count changed the ledger"

# The count: 24 handed out, 22 cast (more than half of 24 voted: valid),
# 1 spoilt. Elected needs more than half of the 22 cast: 22/2 + 1 = 12.
# 赵德明 18 ≥ 12, 孙丽 15 ≥ 12: the two seats; 周建国 9 < 12.
ok election tally 1 --issued 24 --cast 22 --invalid 1 --count "赵德明=18，孙丽=15，周建国=9"
out_has "22 cast"
ok election close 1
out_has "all seats filled"
ok election show 1 --json
[ "$(jq -r .result "$T/out")" = elected ] || fail "both seats are filled"
[ "$(jq -r '[.candidates[] | select(.elected) | .name] | join(",")' "$T/out")" = "赵德明,孙丽" ] \
  || fail "赵德明 and 孙丽 are elected"
[ "$(jq -r .unfilled "$T/out")" = 0 ] || fail "no seat stays empty"
jq -r .reason "$T/out" | grep -qF "at least 12 votes" || fail "the reasoning states the 12 votes needed"

# Those elected join the group from 2027-01-01: not yet at a meeting in
# December, due at one in January.
ok meeting plan --kind building-group --at "2026-12-20 19:00" --venue 7号楼架空层 \
  --title "7号楼楼组会议（十二月）"         # meeting 2
ok meeting show 2 --json
jq -e '[.people[] | select(.role == "member") | .name] | index("孙丽") == null' "$T/out" \
  >/dev/null || fail "孙丽's term starts on 2027-01-01: not due in December"
ok meeting plan --kind building-group --at "2027-01-10 19:00" --venue 7号楼架空层 \
  --title "7号楼楼组会议（一月）"           # meeting 3
ok meeting show 3 --json
jq -e '[.people[] | select(.role == "member") | .name] | index("孙丽") != null' "$T/out" \
  >/dev/null || fail "孙丽, elected, is due at the group's meeting in January"
# Elected heads act in a public role: named, not masked, in the minutes.
ok meeting show 3
out_has "孙丽"
out_lacks "孙*"

# --- A tie for the last seat is stated, never broken silently ------------
# 2 seats, 3 candidates, 20 cast of 24: needed 20/2 + 1 = 11. 李明 14,
# 王芳 11, 陈刚 11: 李明 is elected; 王芳 and 陈刚 tie for the second seat,
# neither is elected, the seat stays empty for a further ballot.
ok election open --body building-7 --role 楼栋长 --seats 2 \
  --candidate 李明 --candidate 王芳 --candidate 陈刚 --since 2027-02-01
ok election tally 2 --cast 20 --count 李明=14,王芳=11,陈刚=11
ok election close 2
out_has "some seats filled"
out_has "tied: not elected"
ok election show 2 --json
[ "$(jq -r '[.candidates[] | select(.tied) | .name] | join(",")' "$T/out")" = "王芳,陈刚" ] \
  || fail "王芳 and 陈刚 tie"
[ "$(jq -r .unfilled "$T/out")" = 1 ] || fail "one seat stays empty"
jq -r .reason "$T/out" | grep -qF "tie with 11 votes" || fail "the reasoning states the tie"

# --- Too few voters: the election is not valid ---------------------------
# 12 of 24 entitled voted: not more than half (12 × 2 = 24 ≤ 24).
ok election open --body building-7 --seats 1 --candidate 周建国
out_has "uncontested"
ok election tally 3 --cast 12 --count 周建国=12
ok election close 3
out_has "no one elected"
ok election show 3 --json
jq -r .reason "$T/out" | grep -qF "12 of 24" || fail "the reasoning states 12 of 24"

# The owners elect their committee: those entitled are the owners, given
# (the committee's 3 members are not its electorate). A name written in is
# counted as such (另选他人). 8 of 12 owners voted (more than half); needed
# 8/2 + 1 = 5: 沈玉梅 6 is elected, 韩立群 2 (written in) is not.
run election open --body owners-committee --seats 1 --candidate 沈玉梅 --method written
expect_status 64
err_has "--electorate"
run election open --body owners-committee --seats 1 --candidate 沈玉梅 --electorate 0
expect_status 64
run election open --body building-7 --seats 1 --candidate 沈玉梅 --electorate 30
expect_status 64
err_has "24"
run election open --body building-7 --seats 1 --candidate 沈玉梅 --since 2026-01-01
expect_status 64
ok election open --body owners-committee --seats 1 --candidate 沈玉梅 --method written \
  --electorate 12
ok election tally 4 --cast 8 --count 沈玉梅=6,韩立群=2
ok election show 4 --json
[ "$(jq -r '.candidates[1].write_in' "$T/out")" = true ] || fail "韩立群 was written in"
# A count is recorded once.
run election tally 4 --cast 8 --count 沈玉梅=5,韩立群=3
expect_status 65
err_has "counted already"
ok election close 4
out_has "all seats filled"

# A candidate who was not elected asks to be forgotten: the name is erased
# from the election and its count, and the ledger still verifies.
ok forget --resident 周建国 --reason "本人申请删除"
ok verify
ok election show 1
out_lacks "周建国"
out_has "9"

ok election list
out_has "7号楼楼组"
ok verify
