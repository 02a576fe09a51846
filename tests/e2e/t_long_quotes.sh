# A clerk imports a sheet with a 100,000-character cell: each message that
# quotes a cell, a header or an option's value quotes at most about 80
# columns of it, on one line, ending its quote with "…", and shows control
# characters instead of sending them to the terminal.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

PY=/usr/bin/python3
ok init

# Three bad rows: a date of 100,000 characters (with an escape sequence and a
# line break inside its quotes), a phone of 100,000 digits, a content over
# the limit; one good row.
"$PY" - <<'PYEOF'
long_date = "2026年\x1b]0;hacked\x07\n" + "十" * 100000
rows = [
    ("2026-11-01", "楼道灯不亮", ""),
    (long_date, "屋顶漏水", ""),
    ("2026-11-02", "电梯异响", "1" * 100000),
    ("2026-11-03", "长" * 30000, ""),
]
with open("box.csv", "w", encoding="utf-8", newline="") as f:
    f.write("日期,内容,电话\r\n")
    for r in rows:
        f.write(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\r\n")
PYEOF
[ "$(stat -c %s box.csv)" -gt 300000 ] || fail "the sheet is not as large as meant"
run import box.csv --community heping
expect_status 65

# check_lines FILE: every line under 400 bytes, no escape or BEL byte.
check_lines() {
  "$PY" - "$1" <<'PYEOF' || fail "a message quotes too much"
import sys
data = open(sys.argv[1], "rb").read()
assert b"\x1b" not in data and b"\x07" not in data, "a control character reached the terminal"
for line in data.split(b"\n"):
    assert len(line) < 400, f"a line of {len(line)} bytes: {line[:120]!r}"
PYEOF
}
check_lines "$T/err"
[ "$(grep -c "box.csv:[0-9]" "$T/err")" -eq 3 ] || fail "expected three bad rows, one line each"
grep -F "box.csv:3:" "$T/err" | grep -qF "'2026年\\x1b]0;hacked\\x07\\n十十" \
  || fail "the date is not quoted with its control characters shown"
# The date's line break is inside its quotes: the phone's row starts on line 5.
for row in 3 5 6; do
  grep -F "box.csv:$row:" "$T/err" | grep -qF "…'" || fail "row $row's quote does not end with …"
done

# Option values and a mapping file's value are quoted the same way.
LONG=$("$PY" -c 'print("x" * 100000)')
run issue list --status "$LONG"
expect_status 64
check_lines "$T/err"
grep -qF "…'" "$T/err" || fail "the status is not cut"
run --now "$LONG" issue list
expect_status 64
check_lines "$T/err"
# A value CLI11 itself refuses: its message is cut the same way.
run issue add --community heping --title 灯 --priority "$LONG"
expect_status 64
check_lines "$T/err"
grep -qF "x… not in" "$T/err" || fail "the priority is not cut"
echo ok
