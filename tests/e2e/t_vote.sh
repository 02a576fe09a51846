# Council votes from the command line: a show of hands, a roll call with a
# proxy, a secret ballot that fails and sends its issue back to consultation.
# Who may vote is who came; refusals change nothing; a secret ballot leaves
# no name in the ledger.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
for i in 1 2 3; do ok issue accept $i; done
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --venue 社区议事厅 --chair 王建国 --recorder 陈静 --issue 1,2,3

# Before attendance is recorded nobody may vote.
before=$(snapshot)
run vote open --meeting 1 --issue 1 --question "同意由物业维修屋面" --method show-of-hands
expect_status 65
err_has "meeting 1 has no attendance recorded"
run vote open --meeting 1 --issue 4 --question "x" --method show-of-hands
expect_status 65
err_has "issue 4 does not exist"
[ "$(snapshot)" = "$before" ] || fail "a refused vote changed the ledger"

# 8 of 10 seats: 7 in person, 周晓 for 周志强; 郑晓燕 and 冯国平 absent.
export CONSULT_NOW="2026-12-02 19:40"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋 \
  --proxy 周晓=周志强 --absent 郑晓燕=生病 --absent 冯国平=出差
out_has "8 of 10 seats present; needs ≥ 2/3 = 7; quorate (1 by proxy)"

# 1. A show of hands under the council's default rule (council-vote).
ok vote open --meeting 1 --issue 1 --question "同意由物业维修屋面，维修资金列支" \
  --method show-of-hands
out_has "vote 1 open on issue 1"
out_has "under council-vote; 8 members present of 10 (meeting 1)"
before=$(snapshot)
run vote tally 1 --count yes=6,no=1
expect_status 65
err_has "the counts add up to 7, but 8 members may vote (present at meeting 1)"
run vote tally 1 --count yes=6,no=1,maybe=1
expect_status 64
err_has "'maybe' is not an option of vote 1"
run vote tally 1 --count yes=six
expect_status 64
run vote cast 1 --voter 王建国 --choice yes
expect_status 64
err_has "vote 1 is by show-of-hands: it keeps counts only"
run vote close 1
expect_status 65
err_has "vote 1 has no counts yet"
run meeting outcome 1 --issue 1 --result decided
expect_status 65
err_has "vote 1 on issue 1 is open at meeting 1"
run meeting close 1
expect_status 65
err_has "vote 1 on issue 1 is still open at meeting 1"
run meeting cancel 1 --reason "停电"
expect_status 65
err_has "close it first: consult vote close 1"
[ "$(snapshot)" = "$before" ] || fail "a refused command changed the ledger"
ok vote tally 1 --count yes=6,no=1,abstain=1
out_has "approved: 6 of 8 present agree; needs > 1/2 = 5"
ok vote close 1
out_has "vote 1: approved: 6 of 8 present agree; needs > 1/2 = 5; 8 of 10 seats present; needs ≥ 2/3 = 7; quorate"
out_has "decision 1 recorded; issue 1 is decided"
ok issue show 1 --json
jq -e '.status == "decided" and .decisions[0].vote == 1 and .decisions[0].result == "approved"' \
  "$T/out" >/dev/null || fail "issue 1 not decided by vote 1"

# 2. A roll call under two-thirds: the proxy votes for the member.
ok vote open --meeting 1 --issue 2 --question "开放儿童活动室，每周六上午" \
  --method roll-call --rule two-thirds
before=$(snapshot)
run vote cast 2 --voter 郑晓燕 --choice yes
expect_status 65
err_has "may not vote in vote 2: not recorded as present at meeting 1"
run vote cast 2 --voter 路人甲 --choice yes
expect_status 65
run vote cast 2 --voter 王建国 --choice maybe
expect_status 64
err_has "options: yes, no, abstain"
run vote tally 2 --count yes=8
expect_status 64
[ "$(snapshot)" = "$before" ] || fail "a refused ballot changed the ledger"
ok vote cast 2 --voter 周晓 --choice yes
out_has "vote 2: ballot of 周志强 recorded (1 of 8)"
run vote cast 2 --voter 周志强 --choice no
expect_status 65
err_has "周志强 has already voted in vote 2"
for v in 王建国 李秀英 赵德明 孙桂兰; do ok vote cast 2 --voter $v --choice yes; done
ok vote cast 2 --voter 吴丽华 --choice no
ok vote cast 2 --voter 陈静 --choice abstain
ok vote show 2
out_match "^Ballots: +7 of 8: yes 5, no 1, abstain 1"
# 5 of 8 present is less than 2/3 (needs 6): it fails.
ok vote close 2
out_has "rejected: 5 of 8 present agree; needs ≥ 2/3 = 6"
out_has "issue 2 is consulting"

# 3. A secret ballot under majority-members: 5 of 10 members is not more than half.
ok vote open --meeting 1 --issue 3 --question "楼道内禁止电动车充电" --method secret \
  --rule majority-members
ok vote tally 3 --count yes=5,no=2,abstain=1
ok vote close 3
out_has "vote 3: rejected: 5 of 10 members agree; needs > 1/2 = 6"
out_has "decision 3 recorded; issue 3 is consulting"
# Nothing in the ledger links a person to a secret ballot's choice: the
# vote's events after its opening (which lists who may vote) hold counts only.
[ "$(sqlite3 "$CONSULT_LEDGER" "SELECT group_concat(kind) FROM event WHERE entity = 'vote:3'")" = \
  "vote.open,vote.tally,vote.close" ] || fail "unexpected events for the secret ballot"
# The payloads as written (the counts are sealed apart from the chain with
# the options they name: read them back through the log), and the sealed
# values themselves.
ok --json log --entity vote:3
jq -c 'select(.kind != "vote.open") | .payload' "$T/out" >"$T/secret"
grep -qF '"counts":{"abstain":1,"no":2,"yes":5}' "$T/secret" || fail "secret counts not kept"
sqlite3 "$CONSULT_LEDGER" "SELECT p.value FROM personal_value p JOIN event e ON e.seq = p.seq
  WHERE e.entity = 'vote:3' AND e.kind <> 'vote.open'" >>"$T/secret"
for name in 王建国 李秀英 赵德明 孙桂兰 吴丽华 陈静 刘洋 周晓 周志强; do
  ! grep -qF "$name" "$T/secret" || fail "secret ballot names $name"
done
[ "$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM vote_ballot WHERE vote = 3")" = 0 ] ||
  fail "secret ballot kept ballots"

# The failed votes sent issues 2 and 3 back: carried to the next meeting.
ok meeting show 1 --json
jq -e '[.items[] | .outcome] == ["decided", "next-round", "next-round"]' "$T/out" >/dev/null ||
  fail "outcomes not recorded from the votes"
ok meeting show 1
out_has "Votes:"
out_match "^ *3 +3 +楼道内禁止电动车充电 +secret +majority-members +rejected"
ok meeting close 1
ok meeting plan --community heping --kind council --at "2026-12-16 19:30" --auto-agenda
out_match "^1 +2 +希望开放儿童活动室 .* carried"
out_match "^2 +3 +电动车在楼道充电 .* carried"

# A vote on a closed meeting is refused.
before=$(snapshot)
run vote open --meeting 1 --issue 3 --question "再议" --method show-of-hands
expect_status 65
err_has "meeting 1 is closed"
[ "$(snapshot)" = "$before" ] || fail "a refused vote changed the ledger"

ok decision list
out_match "^ 1 +2026-12-02 +1 +1 +approved"
out_match "^ 2 +2026-12-02 +2 +2 +rejected"
ok decision show 2
out_match "^Reasoning: +rejected: 5 of 8 present agree; needs ≥ 2/3 = 6"
ok vote list --meeting 1
out_match "^ *3 +3 +1 .*secret +majority-members +closed +rejected"
ok verify
