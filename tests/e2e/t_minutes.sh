# Minutes and public disclosure on the demo's ledger: the full meeting
# exported in every format (DOCX opened by LibreOffice, HTML rendered by
# headless Chromium), approval then an amendment, `verify --export` catching
# an edited export, notices, the account book through a month with a
# correction, and a scan of every public output for residents' names and
# phones.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

PY=/usr/bin/python3

DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >/dev/null 2>&1 ||
  fail "demo failed"
export CONSULT_LEDGER="$T/demo/consult.db"
export CONSULT_NOW="2027-01-11 09:00"
mkdir exports && cd exports

# Every format, full and public; output is deterministic for a fixed --now.
for f in md html docx json; do
  ok minutes export 1 --format $f --out "full.$f"
  ok minutes export 1 --format $f --public --out "public.$f"
  ok verify --export "full.$f"
  out_has "is the full $f of minutes 1"
  ok verify --export "public.$f"
done
ok minutes export 1 --format md --public --out again.md
ok minutes export 1 --format md --public
cmp -s "$T/out" again.md || fail "minutes export is not deterministic"
grep -qF "## Attendance" full.md || fail "no attendance section"
grep -qE "^\| 骨干居民代表 \| 3 \| 3 \| 100.0% \| .* \| 周晓 for 周志强 \|$" full.md ||
  fail "attendance by seat category with the proxy missing"
grep -qF "冯国平（excused: 出差）" full.md || fail "absence with its reason missing"
grep -qF "Quorum (议事会表决): 8 of 10 seats present; needs ≥ 2/3 = 7; quorate (1 by proxy)" \
  full.md || fail "quorum statement missing"
grep -qF -- "- **Counts**: yes 7, no 0, abstain 1" full.md || fail "vote counts missing"
grep -qF "| 1 | 社区居委会 | 整理二楼会议室，招募志愿者看护 | 2026-12-19 |" full.md ||
  fail "actions missing"
grep -qF "by 张小明" full.md || fail "the full minutes name the resident"
grep -qF "by 张\\*明" public.md || fail "the public minutes do not mask the resident"
# The event it names is the last but for the reveals the exports recorded.
named=$(sed -n 's/.*ledger event \([0-9]*\) (sha256.*/\1/p' full.md | head -n 1)
[ -n "$named" ] && [ "$(sqlite3 "$CONSULT_LEDGER" \
  "SELECT count(*) FROM event WHERE seq > $named AND kind != 'privacy.reveal'")" = 0 ] ||
  fail "the export does not name its ledger event"
jq -e '.minutes.quorum.ok == true and (.minutes.items | length) == 3' full.json >/dev/null ||
  fail "JSON minutes incomplete"

# DOCX: LibreOffice opens it and converts it to PDF; the text is all there.
HOME="$T" timeout 180 soffice --headless --norestore --convert-to pdf --outdir pdf full.docx \
  >/dev/null 2>&1 || fail "LibreOffice could not convert the DOCX"
pdftotext pdf/full.pdf pdf/full.txt
grep -qF "和平里社区 议事会: minutes" pdf/full.txt || fail "the DOCX title did not survive"
grep -qF "整理二楼会议室" pdf/full.txt || fail "the DOCX actions did not survive"

# HTML: headless Chromium renders the A4 page; the screenshot is a real image.
screenshot full.html "$T/minutes.png" 794 1123
"$PY" - "$T/minutes.png" <<'EOF' || fail "the screenshot is not a rendered page"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (794, 1123), (width, height)
# Decompress the image: a rendered page has dark text on white, not one colour.
idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                for i in range(8, len(data)) if data[i + 4:i + 8] == b"IDAT")
raw = zlib.decompress(idat)
assert len(set(raw[:200000])) > 20, "the page is blank"
EOF
grep -q "@page { size: A4" full.html || fail "HTML is not an A4 page"
! grep -qE "<script|<link|src=\"http" full.html || fail "HTML is not self-contained"

# Approval locks the minutes; a correction is an amendment appended below.
run minutes amend 1 --text "补记"
expect_status 65
err_has "are a draft"
ok minutes approve 1 --by 王建国,陈静
out_has "approved and locked"
run minutes approve 1
expect_status 65
ok minutes export 1 --out approved.md
export CONSULT_NOW="2027-01-12 09:00"
ok minutes amend 1 --text "补记：何工系区房管局工程师，列席会议" --by 陈静
ok minutes export 1 --out amended.md
grep -qF "## Amendments" amended.md || fail "amendment not shown"
grep -qF "Amendment 1 (2027-01-12 09:00, 陈静): 补记" amended.md || fail "amendment text"
grep -qF "Approved 2027-01-11 09:00 by 王建国、陈静." amended.md || fail "approval not shown"
# The approved export still matches: it reflects the ledger before the amendment.
ok verify --export approved.md

# An edited export is caught, text or DOCX.
sed 's/夜间开放学校操场停车/白天开放学校操场停车/' approved.md >edited.md
run verify --export edited.md
expect_status 65
err_has "does not match the ledger"
# Full minutes: where they differ is not said (it would tell, guess by
# guess, what they hold); public ones: the line.
! grep -q "from line" "$T/err" || fail "the comparison with full minutes names a line"
ok minutes export 1 --format md --public --out approved-public.md
sed 's/夜间开放学校操场停车/白天开放学校操场停车/' approved-public.md >edited-public.md
run verify --export edited-public.md
expect_status 65
err_has "from line"
cp full.docx edited.docx
printf 'x' | dd of=edited.docx bs=1 seek=200 conv=notrunc 2>/dev/null
run verify --export edited.docx
expect_status 65
run verify --export "$CONSULT_SOURCE_DIR/README.md"
expect_status 65
err_has "carries no consult export stamp"

# Notices.
ok notice decision 3 --format html --out decision-3.html
ok verify --export decision-3.html
grep -qF "Disclosed from 2027-01-12 to 2027-01-18 (7 days)" decision-3.html ||
  fail "disclosure period missing"
ok notice decision 3 --format docx --out decision-3.docx
ok notice results --period 2026-12 --format md --out results-2026-12.md
grep -qE "^\| 2 \| 2026-12-02 \| 希望开放儿童活动室 \|" results-2026-12.md || fail "results lack decision 2"
ok verify --export results-2026-12.md

# The account book through a month, with a correction by a reversing entry.
# November's account book, entered in January after the meetings: each
# entry carries the date it happened; the ledger's time only moves forward,
# so the correction made now is January's.
export CONSULT_NOW="2027-01-13 18:00"
ok fund add --kind income --amount 500 --party 张小明 --purpose 儿童活动室众筹 --issue 8 \
  --date 2026-11-03
ok fund add --kind income --amount 300.50 --party 钱文静 --named --purpose 儿童活动室众筹 \
  --date 2026-11-06
ok fund add --kind income --amount "2,000" --party 和平里物业公司 --purpose 捐赠 --date 2026-11-05
ok fund add --kind expense --amount 1234.50 --party 某某建材店 --purpose 防水材料 --date 2026-11-20
before=$(snapshot)
run fund add --kind expense --amount 12.345 --party x --purpose y
expect_status 64
run fund reverse 9 --reason "x"
expect_status 65
[ "$(snapshot)" = "$before" ] || fail "a refused entry changed the ledger"
ok fund reverse 4 --reason "金额录入错误，应为1200.00元"
out_is "entry 5 reverses entry 4; balance 2,800.50 yuan"
run fund reverse 4 --reason "again"
expect_status 65
ok fund add --kind expense --amount 1200 --party 某某建材店 --purpose 防水材料 --date 2026-11-20
out_is "entry 6: expense 1,200.00 yuan; balance 1,600.50 yuan"
ok fund balance --json
jq -e '.income == "2,800.50" and .expense == "1,200.00" and .balance == "1,600.50"' "$T/out" \
  >/dev/null || fail "balance wrong"
ok fund notice --period 2026-11 --format md --out fund-2026-11.md
grep -qF "| 1 | 2026-11-03 | income | 张\\*明 | 儿童活动室众筹 (issue 8) | 500.00 |" fund-2026-11.md ||
  fail "donor not masked"
grep -qF "| 钱文静 |" fund-2026-11.md || fail "a donor who chose to be named is not named"
grep -qF -- "- **Carried forward**: 366.00" fund-2026-11.md || fail "November carried forward"
ok fund notice --period 2027-01 --format md --out fund-2027-01.md
grep -qF -- "- **Brought forward**: 366.00" fund-2027-01.md || fail "January brought forward"
grep -qF "correction of entry 4: 金额录入错误" fund-2027-01.md || fail "correction not shown"
grep -qF -- "- **Carried forward**: 1,600.50" fund-2027-01.md || fail "balance carried forward"
ok fund notice --period 2026-11 --format html --out fund-2026-11.html
ok fund notice --period 2026-11 --format docx --out fund-2026-11.docx
ok verify --export fund-2026-11.docx
ok verify

# The personal-data scan: no resident's name or phone in any public output.
# Council members and officials act in their role and may be named.
sqlite3 "$CONSULT_LEDGER" "SELECT raised_by FROM issue WHERE raised_by <> ''
  UNION SELECT phone FROM issue WHERE phone <> ''
  UNION SELECT owner FROM owner_unit
  UNION SELECT party FROM fund_entry WHERE kind = 'income' AND named = 0
    AND party NOT LIKE '%公司'" >"$T/personal"  # bodies are named
sqlite3 "$CONSULT_LEDGER" "SELECT config FROM community" |
  jq -r '.council.seats[].members[].name' >"$T/members"
grep -vxF -f "$T/members" "$T/personal" >"$T/scan" || true
[ "$(wc -l <"$T/scan")" -ge 10 ] || fail "the scan has too few names to look for"
for f in public.md public.html public.json decision-3.html results-2026-12.md \
  fund-2026-11.md fund-2026-11.html fund-2027-01.md; do
  while IFS= read -r secret; do
    ! grep -qF -- "$secret" "$f" || fail "public file $f shows '$secret'"
  done <"$T/scan"
done
for f in public.docx decision-3.docx fund-2026-11.docx; do
  unzip -p "$f" word/document.xml >"$T/docx.xml"
  while IFS= read -r secret; do
    ! grep -qF -- "$secret" "$T/docx.xml" || fail "public file $f shows '$secret'"
  done <"$T/scan"
done
