# The columns an import keeps beyond an issue's fields (a second phone, an ID
# number, a questionnaire's IP address and the place derived from it,
# remarks) are shown masked by what they hold — in `issue show` and its JSON
# — unless --reveal, and appear in no public output: minutes --public,
# notices, reports.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init

# A suggestion box kept in a spreadsheet, with columns consult has no field for.
cat > box.csv <<'CSV'
日期,内容,姓名,楼栋,电话,手机2,身份证号,来自IP,备注,序号
2026-11-03,3号楼屋顶漏水，雨天墙面渗水,张小明,3号楼2单元502室,13812341234,13900005678,510104199001011234,203.0.113.7(四川-成都),已电话回访，家属陈晓方同意,17
2026-11-04,楼道灯坏了,李娜,7号楼,13900001111,,51010419850607432X,198.51.100.23,,18
CSV
ok import box.csv --community heping --channel suggestion-box
out_has "2 added"
out_has "other columns kept with each issue: 手机2, 身份证号, 来自IP, 备注, 序号"

raw_values="13900005678 510104199001011234 51010419850607432X 203.0.113.7 198.51.100.23 四川 成都 已电话回访 陈晓方"

# issue show: each column masked by its kind.
ok issue show 1
for v in $raw_values; do out_lacks "$v"; done
out_match '^手机2: +139\*\*\*\*5678$'
out_match '^身份证号: +\*{18}$'
out_match '^来自IP: +203\.0\.\*\.\*\(\*\*\*\)$'
out_match '^备注: +\*\*\*$'
out_match '^序号: +17$'
out_has "138****1234"
ok issue show 2
for v in $raw_values; do out_lacks "$v"; done
out_match '^来自IP: +198\.51\.\*\.\*$'

# The JSON is masked the same way.
ok issue show 1 --json
for v in $raw_values; do out_lacks "$v"; done
jq -e '.extra["手机2"] == "139****5678" and .extra["身份证号"] == "******************"
  and .extra["来自IP"] == "203.0.*.*(***)" and .extra["备注"] == "***" and .extra["序号"] == "17"' \
  "$T/out" >/dev/null || fail "issue show --json does not mask the extra columns: $(cat "$T/out")"
ok issue list --json
for v in $raw_values; do out_lacks "$v"; done

# --reveal shows what was imported, to staff who need it.
ok issue show 1 --reveal
for v in 13900005678 510104199001011234 "203.0.113.7(四川-成都)" "已电话回访，家属陈晓方同意"; do
  out_has "$v"
done
ok issue show 1 --json --reveal
jq -e '.extra["手机2"] == "13900005678" and .extra["身份证号"] == "510104199001011234"
  and .extra["来自IP"] == "203.0.113.7(四川-成都)"' "$T/out" >/dev/null ||
  fail "issue show --json --reveal does not show the extra columns"

# A questionnaire platform's export (问卷星 style): its IP column and the
# place derived from it are masked; its bookkeeping columns are not personal.
cat > survey.csv <<'CSV'
序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您反映的问题,2、您的联系方式,3、您的身份证号
1,2026/11/5,95秒,手机提交,直接访问,203.0.113.99(四川-成都),小区东门路灯不亮,13700001234,510104199203041234
CSV
ok import survey.csv --community heping --channel suggestion-box
out_has "1 added"
ok issue show 3
for v in 203.0.113.99 四川 成都 510104199203041234 13700001234 直接访问; do out_lacks "$v"; done
out_match '^来自IP: +203\.0\.\*\.\*\(\*\*\*\)$'
out_match '^所用时间: +95秒$'
ok issue show 3 --reveal
out_has "203.0.113.99(四川-成都)"
out_has "510104199203041234"

# Public outputs: the issue decided at a meeting, the minutes made public,
# the notices and the report hold none of the extra columns, masked or not.
ok issue accept 1
ok issue accept 2
ok issue accept 3
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 \
  --venue 社区议事厅 --chair 王建国 --recorder 陈静 --auto-agenda
export CONSULT_NOW="2026-12-02 21:05"
ok meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋
ok meeting outcome 1 --issue 1 --result decided --note "物业先查漏点，费用由物业承担"
ok meeting outcome 1 --issue 3 --result decided --note "更换东门路灯"
ok meeting close 1
ok decision list --json
decision=$(jq -s -r '.[0].id' "$T/out")
mkdir public
for f in md html json; do
  ok minutes export 1 --public --format $f --out public/minutes.$f
done
ok notice decision "$decision" --format md --out public/notice.md
ok notice decision "$decision" --format html --out public/notice.html
ok notice results --period 2026-12 --format md --out public/results.md
ok report --period 2026-11-01..2026-12-31 --format csv
cp "$T/out" public/report.csv
ok report --period 2026-11-01..2026-12-31 --json
cp "$T/out" public/report.json
for file in public/*; do
  for v in $raw_values 13700001234 203.0.113.99 510104199203041234 "139****5678" "203.0.*.*" \
    13812341234 "138****1234" "137****1234" "******************" \
    手机2 身份证号 来自IP 备注 所用时间 来源详情; do
    ! grep -qF -- "$v" "$file" || fail "$file holds '$v'"
  done
done
grep -qF "3号楼" public/minutes.md || fail "the public minutes lack the issue's building"
! grep -qF "502室" public/minutes.md || fail "the public minutes hold the door number"
echo "ok: extra columns masked by kind unless --reveal; none in public outputs"
