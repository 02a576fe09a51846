#!/bin/sh
# The main job on the shipped example: create a ledger, load the example
# community, import the suggestion box, record a few issues by hand, take one
# through its first steps, hold a council meeting on them (automatic agenda,
# attendance and quorum, opinions, outcomes, carry-over), run the weekly
# agenda job and verify the ledger. Run by `make demo`.
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
run meeting close 1
run meeting show 1

# Friday's cron job: next week's scheduled meetings and their agendas.
export CONSULT_NOW="2026-12-04 17:00"
run agenda --week next --all --out-dir "$OUT/agenda"
ls "$OUT/agenda"
echo
run meeting list
run verify
