# consult issue add records an issue, prints its id; bad input exits 65 and
# changes nothing.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
ok issue add --community heping --title "3号楼屋顶漏水" --channel suggestion-box \
  --category facility-repair --place "3号楼" --raised-by 张小明 --phone 13812341234 \
  --raised-on 2026-11-12 --stakeholder 物业公司 --stakeholder "3号楼顶层住户"
out_is 1
ok issue add --title "楼道灯不亮" --json
out_is '{"community":"heping","id":2}'
ok -q issue add --title "垃圾桶满溢" --category garbage-sorting
out_empty
ok issue show 1 --json --reveal
out_has '"stakeholders":["物业公司","3号楼顶层住户"]'
out_has '"phone":"13812341234"'
out_has '"raised_on":"2026-11-12"'
ok issue show 2 --json
out_has '"channel":"suggestion-box"'
out_has '"category":"other"'
out_has '"raised_on":"2026-11-21"'

before=$(snapshot)
unchanged() { [ "$(snapshot)" = "$before" ] || fail "the ledger changed"; }

run issue add --community heping --title x --channel fax
expect_status 65
err_has "unknown channel 'fax'"
err_has "suggestion-box (意见箱)"
unchanged
run issue add --community heping --title x --category weather
expect_status 65
err_has "unknown category 'weather'"
err_has "facility-repair (设施维修)"
unchanged
run issue add --community nowhere --title x
expect_status 64
err_has "unknown community 'nowhere'"
unchanged
run issue add --title x --raised-on 2026-12-01
expect_status 65
err_has "in the future"
unchanged
run issue add --title x --raised-on 2026-02-30
expect_status 64
err_has "'2026-02-30' is not a date"
unchanged
run issue add --title x --phone "call me"
expect_status 65
err_has "is not a phone number"
unchanged
run issue add --title "   "
expect_status 65
err_has "needs a title"
unchanged
run issue add --title x --stakeholder a --stakeholder b --stakeholder c --stakeholder d \
  --stakeholder e --stakeholder f --stakeholder g --stakeholder h --stakeholder i
expect_status 65
err_has "at most 8"
unchanged
run issue add --title "$(printf 'bad \377 bytes')"
expect_status 65
err_has "not valid UTF-8"
unchanged
run --now "next tuesday" issue add --title x
expect_status 64
err_has "cannot read the time 'next tuesday'"
unchanged
