#!/bin/sh
# The main job on the shipped example: create a ledger, load the example
# community, import the suggestion box, record a few issues by hand, take one
# through its first steps, list them and verify the ledger. Run by `make demo`.
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
run issue list
run issue show 7
run verify
