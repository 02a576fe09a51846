# consult issue list: filters, Chinese aligned by display width, masking,
# JSON Lines and CSV.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue accept 1

ok issue list
out_is "ID  STATUS     RAISED      CHANNEL  CATEGORY  TITLE               PLACE  RAISED BY  PHONE
 3  collected  2026-11-15  微信群   安全      电动车在楼道充电    5号楼
 1  accepted   2026-11-12  意见箱   设施维修  3号楼屋顶漏水       3号楼  张*明      138****1234
 2  collected  2026-11-06  接待日   儿童      希望开放儿童活动室         李*"
# Personal data stays masked in every format unless --reveal: names, phones,
# doors (the place cut to the building).
out_lacks "13812341234"
out_lacks "张小明"
out_lacks "5号楼2单元"
ok issue list --reveal
out_has "13812341234"
out_has "张小明"
out_has "5号楼2单元"

ok issue list --status collected
out_has "电动车"
out_lacks "屋顶"
ok issue list --status accepted,collected --limit 1
[ "$(wc -l < "$T/out")" -eq 2 ] || fail "--limit 1 printed more than one row"
ok issue list --category children
out_has "儿童活动室"
out_lacks "屋顶"
ok issue list --channel wechat-group
out_has "电动车"
out_lacks "儿童"
ok issue list --from 2026-11-10 --to 2026-11-14
out_has "屋顶"
out_lacks "电动车"
out_lacks "儿童"
ok issue list --search 儿童
out_has "儿童活动室"
out_lacks "屋顶"
ok issue list --community heping --open
out_has "屋顶"
run issue list --status nonsense
expect_status 64
err_has "unknown status 'nonsense'"
err_has "collected"

ok issue list --json
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "JSON Lines: expected 3 lines"
out_has '"phone":"138****1234"'
out_lacks "13812341234"
head -1 "$T/out" | grep -q '^{"category":"safety"' || fail "newest first"
ok issue list --format csv
out_has "ID,STATUS,RAISED,CHANNEL,CATEGORY,TITLE,PLACE,RAISED BY,PHONE"
out_has "1,accepted,2026-11-12,意见箱,设施维修,3号楼屋顶漏水,3号楼,张*明,138****1234"

# No match: nothing on stdout.
ok issue list --search "没有这种事"
out_empty
