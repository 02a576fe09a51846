# consult import of XLSX workbooks as Excel, WPS, LibreOffice and libraries
# write them; broken and hostile files refused with the ledger unchanged.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

/usr/bin/python3 "$CONSULT_SOURCE_DIR/tests/fixtures/make_xlsx.py" fx || fail "cannot make fixtures"
ok init

# The shipped example, then the same rows as CSV: nothing twice.
ok import "$CONSULT_SOURCE_DIR/examples/suggestion-box.xlsx" --channel suggestion-box --json
out_has '"format":"xlsx"'
out_has '"sheet":"2026年11月"'
out_has '"added":6'
ok import "$CONSULT_SOURCE_DIR/examples/suggestion-box.csv"
out_has "0 added, 6 already present"

# openpyxl's workbook: hidden first sheet skipped, header on row 3 below a merged title.
ok import fx/box.xlsx --json
out_has '"sheet":"11月"'
out_has '"header_line":3'
out_has '"added":1'
out_has '"duplicates":2'
ok issue list --search 儿童活动室 --json --reveal
out_has '"phone":"13900001111"'
run import fx/box.xlsx --sheet 说明
expect_status 65
err_has "no header row"
run import fx/box.xlsx --sheet 12月
expect_status 65
err_has "has no sheet '12月'"
err_has "说明, 11月"

# Hand-written parts: inline strings, formulas' cached values, 1904 dates, prefixes.
ok import fx/crafted-1900.xlsx
out_has "3 added"
ok issue list --search 垃圾分类点太远 --json
out_has '"raised_on":"2026-11-04"'
ok import fx/crafted-1904.xlsx
ok issue list --search 1904 --json
out_has '"raised_on":"2026-11-03"'
ok import fx/crafted-prefixed.xlsx
out_has "1 added"

# Broken and hostile: clear errors, nothing changed.
before=$(snapshot)
run import fx/broken-truncated.xlsx
expect_status 65
err_has "not a readable XLSX file"
run import fx/broken-csv.xlsx
expect_status 65
err_has "named .xlsx but is not an XLSX file"
run import fx/broken-entities.xlsx
expect_status 65
err_has "DOCTYPE"
run import fx/box.xlsx --encoding gb18030 --sheet 1
expect_status 65
run import "$CONSULT_SOURCE_DIR/examples/suggestion-box.csv" --sheet 1
expect_status 64
[ "$(snapshot)" = "$before" ] || fail "a refused file changed the ledger"
ok verify

# A workbook written by LibreOffice Calc itself (see tests/fixtures/README.md).
ok import "$CONSULT_SOURCE_DIR/tests/fixtures/libreoffice-register.xlsx" --json
out_has '"sheet":"接待日登记"'
out_has '"header_line":2'
out_has '"added":2'
out_has '"kept_columns":["人数"]'
ok issue list --search 电梯经常停运 --json --reveal
out_has '"raised_on":"2026-11-06"'
out_has '"phone":"18612345678"'
out_has '"source_row":5'
id=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$T/out")
ok issue show "$id"
out_match '人数: +\*\*\*$' # a column of no known kind is masked unless --reveal
ok issue show "$id" --reveal
out_match "人数: +5"
ok verify
