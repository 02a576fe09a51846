# consult report on the demo's ledger: the table, JSON and CSV agree, and
# the figures match what the demo did; rows by category, channel and meeting
# kind; the XLSX workbook read back by openpyxl; the HTML page's charts drawn
# by headless Chromium; several ledger files read together.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >/dev/null 2>&1 ||
  fail "demo failed"
export CONSULT_LEDGER="$T/demo/consult.db"
export CONSULT_NOW="2027-01-11 09:00"
# An amount of more than 1,000 yuan with fen, for the workbook's number cells.
ok fund add --kind income --amount 1260.50 --party 物业公司 --named --purpose "楼道灯众筹" \
  --date 2026-12-05

ok report --period 2026-11-01..2027-01-31 --json
jq -e '.meetings_held == 1 and .decided == 3 and .resolved == 1 and .closed == 1
  and .votes_held == 2 and .votes_passed == 2 and .satisfaction == "5.0"
  and .raised_by_channel["suggestion-box"] >= 1' "$T/out" >/dev/null ||
  fail "report figures differ from the demo's"
ok report --period 2026-11-01..2027-01-31
out_match "^meetings held +1$"
out_match "^votes passed +2$"
ok report --period 2026-11-01..2027-01-31 --by month --format csv
[ "$(grep -c . "$T/out")" = 5 ] || fail "by month: a header, three months and the total"
out_has "2026-12,1,"
ok report --all --period 2026 --by community --format table
out_match "^和平里社区 \(heping\) +1 "
run report --community nosuch --period 2026
expect_status 64
err_has "community 'nosuch' is not in the ledger"
err_has "communities in the ledger: heping"
run report --period 2026-13
expect_status 64
err_has "is not a period"

PY=/usr/bin/python3
P=2026-11-01..2027-01-31

# Rows by category: issue figures only; by meeting kind: meeting figures only.
ok report --period $P --by category --format json
jq -s -e 'length >= 2 and (.[-1].category == null) and all(has("meetings_held") | not)
  and ([.[:-1][].issues_raised] | add) == .[-1].issues_raised' "$T/out" >/dev/null ||
  fail "by category: rows do not add up to the total, or carry meeting figures"
ok report --period $P --by kind --format json
jq -s -e 'all(has("issues_raised") | not) and .[-1].meetings_held == 1
  and (.[0].kind | type) == "string"' "$T/out" >/dev/null || fail "by kind: wrong groups"
ok report --period $P --by channel
out_match "^意见箱 +[0-9]+ "
out_has "CHANNEL"

# XLSX: a workbook openpyxl reads, with the same figures as the JSON.
ok report --period $P --json
cp "$T/out" whole.json
ok report --period $P --format xlsx --out report.xlsx
out_empty
ok report --period $P --by month --format xlsx --out months.xlsx
"$PY" - report.xlsx whole.json months.xlsx <<'PYEOF' || fail "the workbook differs from the JSON"
import json, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
want = json.load(open(sys.argv[2]))
assert wb.sheetnames[:2] == ["Figures", "Breakdown"], wb.sheetnames
rows = list(wb["Figures"].iter_rows(values_only=True))
assert rows[0] == ("FIGURE", "VALUE"), rows[0]
got = dict(rows[1:])
assert got["meetings held"] == want["meetings_held"]
# Every figure a number cell with its number format: a rate a fraction shown
# as a percentage (70.0 % is 0.7), an amount in yuan, a count a whole number.
cells = {r[0].value: r[1] for r in wb["Figures"].iter_rows(min_row=2)}
rate = cells["resolution rate (raised in the period, solved by its end)"]
assert rate.number_format == "0.0%", rate.number_format
assert abs(rate.value - float(want["resolution_rate"].rstrip("%")) / 100) < 1e-9, rate.value
assert cells["meetings held"].number_format == "0"
assert isinstance(cells["meetings held"].value, int)
income = cells["fund income (yuan)"]
assert income.number_format == "#,##0.00", income.number_format
assert isinstance(income.value, float), income.value
assert income.value == float(want["fund_income"].replace(",", "")), income.value
assert cells["satisfaction (mean of 1..5)"].number_format == "0.0"
for figure, cell in cells.items():
    assert cell.value is None or isinstance(cell.value, (int, float)), (figure, cell.value)
# By month: one row per month and the total, every figure a column.
rows = list(load_workbook(sys.argv[3])["Figures"].iter_rows(values_only=True))
assert [r[0] for r in rows[1:]] == ["2026-11", "2026-12", "2027-01", "all"], rows
header, total = rows[0], rows[-1]
assert sum(r[header.index("issues raised")] for r in rows[1:-1]) == want["issues_raised"]
got = dict(zip(header, total))
assert got["meetings held"] == want["meetings_held"]
assert got["votes passed"] == want["votes_passed"]
assert got["decided"] == want["decided"]
assert got["satisfaction (mean of 1..5)"] == float(want["satisfaction"])
assert got["fund income (yuan)"] == float(want["fund_income"].replace(",", ""))
# A SUM over a column is right: the months' amounts add up to the total.
col = header.index("fund income (yuan)")
assert abs(sum(r[col] or 0 for r in rows[1:-1]) - total[col]) < 1e-9, [r[col] for r in rows]
col = header.index("attendance rate of council members")
assert all(r[col] is None or 0 <= r[col] <= 1 for r in rows[1:]), [r[col] for r in rows]
channels = [r for r in wb["Breakdown"].iter_rows(values_only=True)
            if r[1] == "issues raised by channel"]
assert sum(r[3] for r in channels) == want["issues_raised"], channels
PYEOF
# The same report, written twice, is the same bytes.
ok report --period $P --format xlsx --out again.xlsx
cmp -s report.xlsx again.xlsx || fail "the workbook is not deterministic"
# Piped: the workbook goes to standard output.
"$CONSULT" report --period $P --format xlsx | cmp -s - report.xlsx ||
  fail "the workbook on standard output differs"

# HTML: a self-contained page; Chromium draws its charts (pixels in the bars'
# colour are counted in the screenshot).
ok report --period $P --format html --out report.html
[ "$(grep -o "<svg" report.html | wc -l)" -ge 3 ] || fail "fewer than three charts"
! grep -qE "<script|<link|src=\"http|url\(http" report.html || fail "HTML is not self-contained"
grep -qF "Issues raised and resolved per month" report.html || fail "no chart of issues per month"
grep -qF "Days from raised to resolved" report.html || fail "no chart of resolution time"
grep -qF "Issues raised by category" report.html || fail "no chart of categories"
screenshot report.html "$T/report.png" 900 1400
"$PY" - "$T/report.png" <<'PYEOF' || fail "the screenshot shows no chart bars"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
assert depth == 8 and colour in (2, 6), (depth, colour)
bpp = 3 if colour == 2 else 4
chunks, i = [], 8
while i < len(data):
    n = struct.unpack(">I", data[i:i + 4])[0]
    if data[i + 4:i + 8] == b"IDAT":
        chunks.append(data[i + 8:i + 8 + n])
    i += 12 + n
raw = zlib.decompress(b"".join(chunks))
stride = width * bpp
prev = bytearray(stride)
bars = 0
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        if abs(line[x] - 0x2b) < 8 and abs(line[x + 1] - 0x6c) < 8 and abs(line[x + 2] - 0xb0) < 8:
            bars += 1
    prev = line
# The raised bars and the category bars: hundreds of pixels in their colour.
assert bars > 500, bars
PYEOF

# Several ledger files, one per community, read together and read-only.
sed 's/^id = "heping"/id = "anle"/; s/^name = "和平里社区"/name = "安乐社区"/' \
  communities/heping.toml >communities/anle.toml
sed 's#^communities = .*#communities = ["communities/anle.toml"]#' consult.toml >anle.toml
CONSULT_CONFIG="$T/anle.toml" CONSULT_LEDGER="$T/anle.db" "$CONSULT" -q init
CONSULT_CONFIG="$T/anle.toml" CONSULT_LEDGER="$T/anle.db" "$CONSULT" -q issue add \
  --community anle --title "小区路灯不亮" --channel suggestion-box --category other \
  --raised-on 2026-11-20 || fail "could not add an issue to the second ledger"
before=$(sha256sum anle.db "$CONSULT_LEDGER")
ok report --ledger "$CONSULT_LEDGER" --ledger anle.db --period $P --by community --format csv
# Each community by its name as its ledger keeps it (anle's file is not in
# this configuration), the id beside it.
out_match "^安乐社区 \(anle\),0,1,"
out_match "^和平里社区 \(heping\),1,"
raised_heping=$(jq -r .issues_raised whole.json)
out_match "^all,1,$((raised_heping + 1)),"
ok report --ledger "$CONSULT_LEDGER" --ledger anle.db --period $P --by community --json
jq -e -s 'map(select(.community == "anle") | .community_name) == ["安乐社区"]' "$T/out" >/dev/null ||
  fail "the JSON row of anle lacks its name: $(cat "$T/out")"
[ "$(sha256sum anle.db "$CONSULT_LEDGER")" = "$before" ] || fail "a report changed a ledger"
run report --ledger "$CONSULT_LEDGER" --ledger "$CONSULT_LEDGER" --period $P
expect_status 65
err_has "community 'heping' is in both"
run report --ledger "$CONSULT_LEDGER" --ledger nosuch.db --period $P
expect_status 66
err_has "ledger 'nosuch.db' does not exist"
