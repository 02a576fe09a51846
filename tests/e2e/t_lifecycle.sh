# Three up, three down from the command line; illegal steps are refused
# with the allowed ones named and change nothing.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue add --title "屋顶漏水，家里墙皮脱落" --channel discussion-book \
  --category facility-repair --place "3号楼" --raised-by 欧阳小明 --raised-on 2026-11-16
out_is 4

ok issue accept 1
out_is "issue 1: collected → accepted"
ok issue merge 4 --into 1
out_is "issue 4: collected → merged"
ok issue consult 1
out_is "issue 1: accepted → consulting (round 1)"
ok issue comment 1 "先请物业查漏点，再议维修资金" --by 赵德明
out_is "issue 1: opinion recorded (round 1)"
ok issue consult 1
out_is "issue 1: consulting → consulting (round 2)"
ok issue comment 1 "物业同意承担检测费用" --by 物业公司
ok issue decide 1 --reason "议事会表决通过"
ok issue implement 1
ok issue resolve 1
run issue close 1 --reason "居民满意"; expect_status 65
err_has "issue 1 has no residents' feedback yet"
run issue feedback 1 --satisfaction 6; expect_status 64
ok issue feedback 1 --satisfaction 5 --comment "不再漏水了"
out_has "issue 1: residents' rating 5/5 recorded"
ok issue close 1 --reason "居民满意"

ok issue show 1
out_has "Status:       closed (round 2)"
out_has "Residents:    2"
out_has "先请物业查漏点"
out_has "issue:4 merged into this issue"
out_has "accepted → consulting (round 1)"
ok issue show 1 --json
out_has '"status":"closed"'
out_has '"rounds":2'
out_has '"author":"物业公司","body":"物业同意承担检测费用","round":2'

# Illegal steps: refused, allowed ones named, nothing changed.
before=$(snapshot)
run issue accept 1
expect_status 65
err_has "cannot accept issue 1: it is closed"
err_has "allowed now: nothing"
run issue decide 2
expect_status 65
err_has "cannot decide issue 2: it is collected"
err_has "allowed now: accept, reject, merge, escalate"
run issue comment 2 "太早了"
expect_status 65
err_has "accept it first"
run issue merge 2 --into 4
expect_status 65
err_has "cannot merge into issue 4: it is merged"
run issue merge 2 --into 2
expect_status 65
run issue accept 99
expect_status 65
err_has "issue 99 does not exist"
run issue accept abc
expect_status 64
err_has "'abc' is not an issue id"
run issue reject 2
expect_status 64
err_has "--reason"
run issue escalate 2 --to city --reason x
expect_status 64
[ "$(snapshot)" = "$before" ] || fail "a refused step changed the ledger"

ok issue reject 2 --reason "属于个人诉求，已转交物业"
out_is "issue 2: collected → rejected"
ok issue escalate 3 --to street --reason "涉及消防，需街道协调"
out_is "issue 3: collected → escalated"
ok issue show 3
out_has "Escalated to: 和平街道"
out_has "涉及消防"
ok verify
