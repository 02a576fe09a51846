#!/bin/sh
# The main job on the shipped example: create a ledger, load the example
# community, import the suggestion box, record a few issues by hand, take one
# through its first steps, hold a council meeting on them (automatic agenda,
# attendance and quorum, opinions, outcomes, carry-over), run the weekly
# a vote, an owners' written vote on the roof under Civil Code art. 278, its
# actions to resolution and the residents' rating; run the weekly agenda job
# and verify the ledger. Run by `make demo`.
set -eu
CONSULT=${1:-build/cmd/consult}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${DEMO_DIR:-build/demo}
rm -rf "$OUT" && mkdir -p "$OUT"
export CONSULT_CONFIG="$HERE/consult.toml"
export CONSULT_LEDGER="$OUT/consult.db"
export CONSULT_ACTOR="陈静"
export CONSULT_NOW="2026-11-20 09:30"

run() { echo "\$ consult $*"; "$CONSULT" "$@"; echo; }

run init
run community show heping
run import "$HERE/suggestion-box.xlsx" --community heping --channel suggestion-box
run import "$HERE/suggestion-box.csv" --community heping
run issue add --community heping --title "3号楼屋顶漏水" --channel suggestion-box \
  --category facility-repair --place "3号楼" --raised-by 张小明 --phone 13812341234 \
  --raised-on 2026-11-12 --stakeholder 物业公司 --stakeholder "3号楼顶层住户"
run issue add --community heping --title "希望开放儿童活动室" --channel reception-day \
  --category children --raised-by 李娜 --raised-on 2026-11-06
run issue add --community heping --title "电动车在楼道充电" --channel wechat-group \
  --category safety --place "5号楼2单元" --raised-on 2026-11-15
run issue add --community heping --title "屋顶漏水，家里墙皮脱落" --channel discussion-book \
  --category facility-repair --place "3号楼" --raised-by 欧阳小明 --raised-on 2026-11-16
run issue accept 7
run issue merge 10 --into 7
run issue merge 1 --into 7
run issue consult 7
run issue comment 7 "先请物业查漏点，再议维修资金" --by 赵德明
run issue accept 8
run issue accept 4
run issue priority 4 urgent
run issue list
run issue show 7

# The council meeting of 2 December, its agenda built from the issues.
run meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --venue 社区议事厅 --chair 王建国 --recorder 陈静 --auto-agenda
export CONSULT_NOW="2026-12-02 21:05"
run meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋 \
  --excused 冯国平=出差 --proxy 周晓=周志强 --present 物业公司 --guest 何工=区房管局
run meeting note 1 --issue 7 --speaker 物业公司 --position for --text "同意先查漏点，费用由物业承担"
run meeting outcome 1 --issue 4 --result decided --note "夜间开放学校操场停车"
run meeting outcome 1 --issue 7 --result site-inspection --note "会同物业、房管所踏勘楼顶"
run vote open --meeting 1 --issue 8 --question "腾出二楼会议室作儿童活动室，周六上午开放" \
  --method show-of-hands
run vote tally 1 --count yes=7,no=0,abstain=1
run vote close 1
run action add --decision 2 --owner 社区居委会 --what "整理二楼会议室，招募志愿者看护" \
  --due 2026-12-19
run meeting close 1
run meeting show 1

# Friday's cron job: next week's scheduled meetings and their agendas.
export CONSULT_NOW="2026-12-04 17:00"
run agenda --week next --all --out-dir "$OUT/agenda"
ls "$OUT/agenda"
echo

# After the site inspection: the owners decide on the maintenance fund in
# writing (Civil Code art. 278, matter 5, using the maintenance fund: more than
# half of the area and of the owners taking part).
export CONSULT_NOW="2026-12-05 09:00"
run owners import "$HERE/owners.csv" --community heping
run owners list
run vote open --issue 7 --question "使用专项维修资金维修3号楼屋面防水" --method written \
  --rule civil-code-278 --matter 5 --closes 2026-12-12
# Ballots come back over the week (quietly: -q).
for ballot in 06:3-1-101 06:3-1-102 07:3-1-201 07:3-1-202 08:3-1-301 09:3-1-302 \
  09:3-1-401 10:3-1-402 10:3-1-501 11:3-1-502 12:3-2-101 12:3-2-102; do
  CONSULT_NOW="2026-12-${ballot%%:*} 19:00" \
    "$CONSULT" -q vote cast 2 --voter "${ballot#*:}" --choice yes
done
export CONSULT_NOW="2026-12-13 09:00"
run vote show 2
run vote extend 2 --closes 2026-12-19 --reason "参与表决的业主不足三分之二，延长一周"
for unit in 3-2-201 3-2-202 3-2-301 3-2-302 3-2-401; do
  "$CONSULT" -q vote cast 2 --voter "$unit" --choice yes
done
run vote cast 2 --voter 3-2-402 --choice no
run vote cast 2 --voter 梁春花 --choice abstain
export CONSULT_NOW="2026-12-20 09:00"
run vote close 2
run action add --decision 3 --owner 物业公司 --what "3号楼屋面防水维修" --due 2027-01-15
run action progress 2 --percent 60 --note "防水卷材已铺设过半"
export CONSULT_NOW="2026-12-22 08:00"
run action overdue --all
export CONSULT_NOW="2027-01-10 16:00"
run action done 2 --note "完工，业主代表验收合格"
run issue feedback 7 --satisfaction 5 --comment "不再漏水了"
run issue close 7
run decision list

# The record and the notice board: the minutes exported (the public version
# masks residents) and the notice of the owners' decision, each checkable
# against the ledger. (Approval, amendments and the account book:
# docs/minutes.md.)
export CONSULT_NOW="2027-01-11 09:00"
run minutes export 1 --format html --out "$OUT/minutes-1.html"
run minutes export 1 --public --format docx --out "$OUT/minutes-1-public.docx"
run notice decision 3 --format html --out "$OUT/notice-decision-3.html"
run verify --export "$OUT/minutes-1-public.docx"
run meeting list

# What officials ask for: the figures of the period (docs/reports.md), as a
# table, a workbook and a page with charts.
run report --period 2026-11-01..2027-01-31
run report --period 2026-11-01..2027-01-31 --format xlsx --out "$OUT/report.xlsx"
run report --period 2026-11-01..2027-01-31 --format html --out "$OUT/report.html"
run verify
