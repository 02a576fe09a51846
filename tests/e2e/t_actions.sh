# From a decision to a solved matter: actions with owners and due dates,
# progress moving the issue to implementing, the last action resolving it,
# residents' rating before it closes; the overdue list cron runs; an
# escalated issue's lineage and the higher body's answer.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
for i in 1 2 3; do ok issue accept $i; done
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --issue 1,3
export CONSULT_NOW="2026-12-02 20:00"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋
ok vote open --meeting 1 --issue 1 --question "物业维修屋面，维修资金列支" --method show-of-hands
ok vote tally 1 --count yes=7
ok vote close 1
out_has "decision 1 recorded; issue 1 is decided"
# Decided at the meeting without a vote (by consensus): a decision all the same.
ok meeting outcome 1 --issue 3 --result decided --note "楼道禁止充电，增设充电桩"
ok decision show 2
out_match "^Reasoning: +decided at meeting 1 without a vote: 7 of 10 seats present"

# Actions: who does what by when.
ok action add --decision 1 --owner 物业公司 --what "屋面防水维修" --due 2026-12-20
out_is "action 1 added to decision 1 (issue 1): 物业公司 by 2026-12-20"
ok action add --decision 1 --owner 社区居委会 --what "公示维修资金使用明细" --due 2026-12-10
ok action add --decision 2 --owner 物业公司 --what "安装电动车充电桩" --due 2027-01-31
before=$(snapshot)
run action add --decision 1 --owner 物业公司 --what "x" --due 2026-13-01
expect_status 64
run action add --decision 9 --owner 物业公司 --what "x" --due 2026-12-31
expect_status 65
err_has "decision 9 does not exist"
[ "$(snapshot)" = "$before" ] || fail "a refused action changed the ledger"

# The overdue list for cron: silent under -q when there is none.
export CONSULT_NOW="2026-12-08 07:00"
ok action overdue --community heping -q
out_empty
ok action overdue --community heping
out_is "no overdue actions"
export CONSULT_NOW="2026-12-12 07:00"
ok action overdue --all -q
out_match "^ *2 +1 +社区居委会 +公示维修资金使用明细 +2026-12-10 +0% +open"
out_lacks "屋面防水维修"
run action overdue
expect_status 0

# Progress: the issue is carried out from the first step; done when all are.
ok action progress 1 --percent 40 --note "防水材料已进场"
out_is "action 1: 40% (started); issue 1 is implementing"
before=$(snapshot)
run action progress 1 --percent 30
expect_status 64
err_has "action 1 is already 40% done, not 30%"
[ "$(snapshot)" = "$before" ] || fail "a refused progress changed the ledger"
ok action done 2 --note "已在公示栏张贴"
out_is "action 2: 100% (done); issue 1 is implementing"
ok action done 1 --note "已完工，业主代表验收"
out_is "action 1: 100% (done); issue 1 is resolved"
run action progress 1 --percent 50
expect_status 65
err_has "action 1 is done"
ok action overdue --all -q
out_empty

# Residents rate it; then it can be closed.
run issue close 1
expect_status 65
err_has "issue 1 has no residents' feedback yet"
ok issue feedback 1 --satisfaction 4 --comment "修好了，但工期拖了几天"
ok issue close 1
ok issue show 1
out_has "Decisions:"
out_match "^ *1 +2026-12-02 +approved +1 +物业维修屋面"
out_has "Actions:"
out_match "屋面防水维修 +2026-12-20 +100%"
out_has "Residents' feedback:"
out_has "4/5  修好了"
out_has "by action 1"

# Escalation keeps its lineage; the street's answer sends it back.
ok issue escalate 2 --to street --reason "涉及公共空间改造，超出社区权限"
ok issue answer 2 --text "街道同意腾退二楼活动室，交社区议事会商定开放办法"
out_is "issue 2: answer recorded; issue is consulting"
ok issue escalate 2 --to district --reason "需区教育局配备设施"
run issue answer 3 --text "x"
expect_status 65
ok issue answer 2 --text "区教育局已配备设施并开放" --resolved
out_is "issue 2: answer recorded; issue is resolved"
ok issue show 2
out_has "Referrals:"
out_match "^1 .* 和平街道 +涉及公共空间改造，超出社区权限 +街道同意腾退"
out_match "^2 .* 东城区 +需区教育局配备设施 +区教育局已配备设施并开放"
ok issue show 2 --json
jq -e '.referrals | length == 2 and .[0].to == "street" and .[1].answer != ""' "$T/out" \
  >/dev/null || fail "referrals not in JSON"
# A named department of [[authorities]]: the referral and the answer are
# recorded against it; a key the file does not list is refused, naming those it does.
ok issue add --title "小区配电箱老化" --category facility-repair --json
n=$(jq -r .id "$T/out")
run issue escalate "$n" --to gas --reason "燃气管道老化"
expect_status 64
err_has "power (和平供电所)"
ok issue escalate "$n" --to power --reason "小区配电箱老化，需供电所更换"
ok issue answer "$n" --from housing --text "已纳入老旧小区改造计划"
ok issue show "$n"
out_match "^1 .* 和平供电所 +小区配电箱老化"
out_has "(answered by 东"
ok issue show "$n" --json
jq -e '.referrals[0].to == "power" and .referrals[0].to_level == "department" and .referrals[0].answered_by == "housing" and .referrals[0].answered_by_name == "东城区住房和城乡建设委员会"' \
  "$T/out" >/dev/null || fail "the referral to the department is not in JSON"
ok action list --pending
out_match "安装电动车充电桩"
ok verify
