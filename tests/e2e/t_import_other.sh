# Imported channels and categories that match no key of the community go to
# `other` with their text kept — though the community's file lists no
# `other` channel or category — and never under its first channel (issue 20's
# finding). A key typed on the command line stays a key: a typo is an error
# naming the keys allowed, not a silent `other`. Reports, filters and
# completion know `other` and show it as 其他.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

# A community whose file names two channels and two categories, no other.
cat > communities/xinhua.toml <<'EOF'
id = "xinhua"
name = "新华社区"

[channels]
suggestion-box = "意见箱"
reception-day = "接待日"

[categories]
parking = "停车"
facility-repair = "设施维修"

[council]
name = "新华社区居民议事会"

[[council.seats]]
key = "committee"
label = "居委会代表"
count = 2
members = [{ name = "王一" }, { name = "李二" }]
EOF
sed -i 's#^communities = .*#communities = ["communities/xinhua.toml"]#' consult.toml

cat > box.csv <<'EOF'
提交日期,渠道,问题类型,反映内容
2026-11-02,意见箱,停车,晚上停车难
2026-11-03,12345热线,路灯,小区路灯不亮
2026-11-04,12345热线,设施维修,单元门坏了
2026-11-05,物业群,下水道,下水道堵塞
2026-11-06,,停车,占用消防通道
EOF

ok init
ok import box.csv --community xinhua
out_has "5 rows: 5 added"
out_has "channels no key matches (rows: 3), counted under other and kept as written: 12345热线 (2), 物业群 (1)"
out_has "categories no key matches (rows: 2), counted under other and kept as written: 下水道 (1), 路灯 (1)"
[ "$(sqlite3 consult.db "SELECT group_concat(channel || '/' || channel_text, ' ') FROM issue ORDER BY id")" = \
  "suggestion-box/ other/12345热线 other/12345热线 other/物业群 suggestion-box/" ] ||
  fail "channels as stored: $(sqlite3 consult.db "SELECT id, channel, channel_text FROM issue")"
[ "$(sqlite3 consult.db "SELECT group_concat(category || '/' || category_text, ' ') FROM issue ORDER BY id")" = \
  "parking/ other/路灯 facility-repair/ other/下水道 parking/" ] ||
  fail "categories as stored: $(sqlite3 consult.db "SELECT id, category, category_text FROM issue")"
CONSULT_LEDGER="$T/json.db" ok init
CONSULT_LEDGER="$T/json.db" ok import box.csv --community xinhua --json
jq -e '.unmapped_channels == {"12345热线": 2, "物业群": 1}' "$T/out" >/dev/null ||
  fail "the JSON summary lacks the unmapped channels"

# --channel is for rows that name none; an unknown one still goes to other.
printf '提交日期,渠道,反映内容\n2026-11-07,,楼道堆物\n2026-11-07,热线电话,楼道灯坏\n' > more.csv
ok import more.csv --community xinhua --channel reception-day
[ "$(sqlite3 consult.db "SELECT group_concat(channel, ' ') FROM issue WHERE id > 5 ORDER BY id")" = \
  "reception-day other" ] || fail "--channel took an unknown channel's rows"

# The issue list shows the text as written; --channel other filters them.
ok issue list --channel other --json
[ "$(jq -s length "$T/out")" = 4 ] || fail "--channel other: want 4 issues"
ok issue list --channel other
out_has "12345热线"
out_has "物业群"

# Reports count them under other, shown as 其他, in every format.
ok report --period 2026-11 --by channel
out_match "^其他 +4 "
out_match "^意见箱 +2 "
out_lacks "other"
ok report --period 2026-11 --by category --format csv
out_match "^其他,4,"  # 路灯, 下水道, and the two rows of more.csv that name none
ok report --period 2026-11 --json
jq -e '.raised_by_channel == {"other": 4, "reception-day": 1, "suggestion-box": 2}' "$T/out" \
  >/dev/null || fail "raised by channel: $(cat "$T/out")"
ok report --period 2026-11
out_has "via 其他"
# Under other, the words the rows came with.
out_match "^    written as 12345热线 +2$"
out_match "^    written as 物业群 +1$"
out_match "^    written as 下水道 +1$"
ok report --period 2026-11 --json
jq -e '.other_channel_texts == {"12345热线": 2, "热线电话": 1, "物业群": 1}
  and .other_category_texts == {"下水道": 1, "路灯": 1}' "$T/out" >/dev/null ||
  fail "the words under other: $(cat "$T/out")"
ok report --period 2026-11 --format xlsx --out other.xlsx
/usr/bin/python3 - other.xlsx <<'PYEOF' || fail "the workbook lacks the words under other"
import sys
from openpyxl import load_workbook
rows = list(load_workbook(sys.argv[1])["Breakdown"].iter_rows(values_only=True))
got = {(r[1], r[2]): (r[3], r[4]) for r in rows[1:] if r[0] == "all"}
assert got[("issues raised by channel", "其他")] == (4, 7), got
assert got[("channels written under other", "12345热线")] == (2, 4), got
assert got[("categories written under other", "路灯")] == (1, 4), got
PYEOF
# Read from the ledger alone (no community file), other is still in words.
mkdir bare && cd bare
CONSULT_CONFIG= ok report --ledger "$T/consult.db" --period 2026-11 --by channel
out_match "^other +4 "
CONSULT_CONFIG= ok --lang zh report --ledger "$T/consult.db" --period 2026-11 --by channel
out_match "^其他 +4 "
cd "$T"

# On the command line other is a key like any other; a typo is an error
# naming the keys allowed, other among them.
ok issue add --community xinhua --title "快递柜太少" --channel other --category other
run issue add --community xinhua --title "快递柜太少" --channel sugestion-box
expect_status 65
err_has "unknown channel 'sugestion-box'"
err_has "allowed channels: suggestion-box (意见箱), reception-day (接待日), other (其他)"
run issue add --community xinhua --title "快递柜太少" --category weather
expect_status 65
err_has "allowed categories: parking (停车), facility-repair (设施维修), other (其他)"

# Completion offers other beside the file's keys.
"$CONSULT" __complete issue add --channel o > cands 2>/dev/null
cut -f1 cands | grep -qx "other" || fail "completion does not offer other: $(cat cands)"
# The community's file in the ledger is as it was: other is not written there.
sqlite3 consult.db "SELECT config FROM community" | grep -q '"other"' &&
  fail "the implied other was written into the ledger's record of the file"
ok verify
echo ok
