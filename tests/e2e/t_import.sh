# consult import: CSV from real offices, all or nothing, idempotent, one event
# per import naming the file and its SHA-256.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
BOX="$CONSULT_SOURCE_DIR/examples/suggestion-box.csv"

ok import "$BOX" --community heping --channel suggestion-box
out_has "6 rows: 6 added, 0 already present, 0 set aside (issues 1–6); event 3"
out_has "categories no key matches (rows: 1), counted under other and kept as written: 下水道 (1)"
out_has "other columns kept with each issue: 备注"
ok log --json --after 2
out_has '"kind":"issue.import"'
out_has "\"sha256\":\"$(sha256sum "$BOX" | cut -d' ' -f1)\""
out_has '"file":"suggestion-box.csv"'
ok issue list --search 屋顶
out_has "设施维修"
ok issue show 2
out_has "备注:"
out_lacks "已电话回访" # a remark is free text a resident wrote: masked unless --reveal
out_has "imported from suggestion-box.csv"
ok issue show 2 --reveal
out_has "已电话回访"
ok verify

# Again: nothing new.
before_issues=$(sqlite3 consult.db "SELECT count(*) FROM issue")
ok import "$BOX"
out_has "0 added, 6 already present"
[ "$(sqlite3 consult.db "SELECT count(*) FROM issue")" = "$before_issues" ] || fail "re-import added issues"

# The same file as Excel on Chinese Windows saves it (GB18030), and as UTF-16.
iconv -f UTF-8 -t GB18030 "$BOX" > box-gbk.csv
ok import box-gbk.csv --json
out_has '"encoding":"gb18030"'
out_has '"added":0'
out_has '"duplicates":6'
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$BOX"; } > box-utf16.csv
ok import box-utf16.csv --json
out_has '"encoding":"utf-16le"'
out_has '"duplicates":6'

# A GB18030 file with new rows, from standard input, semicolon-separated.
printf '日期;内容;姓名\r\n2026-11-15;小区东门路灯不亮;周敏\r\n' | iconv -f UTF-8 -t GB18030 > new.csv
"$CONSULT" import - < new.csv > "$T/out" 2> "$T/err" || fail "import from stdin failed"
out_has "1 added"
ok issue list --search 路灯 --reveal
out_has "周敏"

# Bad rows: every one reported with its line and column; nothing imported; exit 65.
cat > bad.csv <<'CSV'
日期,内容,电话
2026-11-01,这一行是好的,
2026-02-30,日期不存在,
2026-11-02,,
2026-11-03,电话写错了,call me
CSV
before=$(snapshot)
run import bad.csv
expect_status 65
err_has "bad.csv:3: column '日期': '2026-02-30': no such date"
err_has "bad.csv:4: column '内容': the content is missing"
err_has "bad.csv:5: column '电话': 'call me': not a phone number"
err_has "3 of 4 rows are bad; nothing was imported"
err_has "--skip-bad"
[ "$(snapshot)" = "$before" ] || fail "a failed import changed the ledger"

# --skip-bad: good rows in, bad rows to a CSV that can be fixed and imported again.
run import bad.csv --skip-bad
expect_status 64
err_has "--rejects"
ok import bad.csv --skip-bad --rejects rejects.csv
out_has "1 added, 0 already present, 3 set aside"
out_has "bad rows written to rejects.csv"
head -c 3 rejects.csv | od -An -tx1 | grep -q "ef bb bf" || fail "rejects.csv has no BOM"
grep -q '2026-02-30,日期不存在,,3,日期: no such date' rejects.csv || fail "rejects.csv lacks the bad date row"
sed -i 's/2026-02-30/2026-02-28/; s/call me/13812345678/; s/^2026-11-02,,/2026-11-02,补上内容,/' rejects.csv
ok import rejects.csv --map "$CONSULT_SOURCE_DIR/tests/e2e/rejects-map.toml"
out_has "3 added"
ok verify

# A dry run changes nothing.
printf '日期,内容\n2026-11-16,试运行的一条\n' > dry.csv
before=$(snapshot)
ok import dry.csv --dry-run
out_has "dry run: 1 rows: 1 would be added"
[ "$(snapshot)" = "$before" ] || fail "a dry run changed the ledger"

# Formula-like and SQL-looking text is data, kept verbatim.
printf '日期,内容\n2026-11-17,"=HYPERLINK(""http://x"",""点我"")"\n2026-11-17,"+cmd|'"'"'/c calc'"'"'!A1"\n2026-11-17,"1'"'"'); DROP TABLE issue; --"\n' > tricky.csv
ok import tricky.csv
ok issue list --search HYPERLINK --json
out_has '=HYPERLINK(\"http://x\",\"点我\")'
ok issue list --search "DROP TABLE" --json
out_has '"title":"1'"'"'); DROP TABLE issue; --"'
id=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$T/out")
ok issue show "$id" --json
out_has '"body":"1'"'"'); DROP TABLE issue; --"'
ok issue list --search "cmd|" --json
id=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$T/out")
ok issue show "$id" --json
out_has "\"body\":\"+cmd|'/c calc'!A1\""

# Files that are not CSV, or not there.
printf 'PK\003\004garbage' > sheet.xlsx
run import sheet.xlsx
expect_status 65
err_has "is not a readable XLSX file"
printf 'old' > old.xls
run import old.xls
expect_status 65
err_has ".xls"
run import nowhere.csv
expect_status 66
printf '\000\001\002\003binary\377\376' > garbage.csv
run import garbage.csv
expect_status 65
: > empty.csv
run import empty.csv
expect_status 65
err_has "no header row"
printf '日期,内容\n2026-11-01,"没有结束的引号\n' > open.csv
run import open.csv
expect_status 65
err_has "open.csv:2"
err_has "never closed"
run import "$BOX" --encoding latin1
expect_status 64
run import "$BOX" --map nowhere.toml
expect_status 66
err_has "mapping file 'nowhere.toml' does not exist"
printf '[columns]\n"备注" = "remark"\n' > bad-map.toml
run import "$BOX" --map bad-map.toml
expect_status 78
err_has "bad-map.toml:2:"
err_has "unknown field 'remark'"
ok verify
