# Personal data protected by structure: residents planted with the names,
# phones and doors that a guess from the text gets wrong, then every output
# of every command scanned for their raw values — public documents and staff
# outputs that were not asked to reveal. Revealing is recorded and listed.
# Who is a resident is never inferred from how a name ends: 李方 ends like a
# body's name (…方, as in 甲方), 陈晓会 like 居委会, 孙小部 like 街道部, 李处
# like 办事处, 刘所 like 派出所; bodies are named because the community's
# TOML lists them (organisations) or a meeting recorded them as a guest's.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >/dev/null 2>&1 ||
  fail "demo failed"
export CONSULT_LEDGER="$T/demo/consult.db"
export CONSULT_NOW="2027-01-12 09:00"

# --- planted: residents, their phones and doors ----------------------------
ok issue add --community heping --title "楼道堆放杂物" --channel reception-day \
  --category environment --raised-by 李方 --phone 13912345678 --place "三单元五〇二室" \
  --raised-on 2027-01-05 --stakeholder 王立方 --stakeholder 和平街道办事处
A=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM issue')
ok issue add --community heping --title "路灯不亮" --channel visit --category facility-repair \
  --raised-by 赵小方 --phone "028-85551234" --place "Ｂ区１２－３０１" --raised-on 2027-01-06
B=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM issue')
ok issue add --community heping --title "村口垃圾清运" --channel visit --category environment \
  --raised-by 陈晓会 --place "汀塘村3组12号" --raised-on 2027-01-07 --stakeholder 欧阳立方
C=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM issue')
ok issue accept "$A"
ok issue accept "$C"
ok meeting plan --community heping --kind round-table --at "2027-01-20 19:00" --until 20:30 \
  --venue 社区议事厅 --chair 王建国 --recorder 陈静 --issue "$A" --issue "$C"
M=$(sqlite3 "$CONSULT_LEDGER" 'SELECT max(id) FROM meeting')
export CONSULT_NOW="2027-01-20 20:40"
ok meeting attend "$M" --present 王立方,欧阳立方 --guest 何工=区房管局 --resident 孙小部,李处
ok meeting note "$M" --issue "$A" --speaker 王立方 --position for --text "同意清理"
ok meeting note "$M" --issue "$A" --speaker 李处 --position against --text "先通知各户"
ok meeting note "$M" --issue "$A" --speaker 何工 --text "消防通道须畅通"
ok meeting note "$M" --issue "$C" --speaker 刘所 --text "请村里协调清运车"
ok meeting outcome "$M" --issue "$A" --result decided --note "一周内清理"
ok meeting close "$M"
ok fund add --kind income --amount 300 --party 陈晓方 --purpose 楼道清理 --date 2027-01-20
ok fund add --kind income --amount 2000 --party 和平街道办事处 --purpose 专项补助 --date 2027-01-20
ok fund add --kind expense --amount 150 --party 刘所 --purpose 清运人工 --date 2027-01-20

# What no output may show unless revealed.
RAW="李方 王立方 赵小方 陈晓会 欧阳立方 孙小部 李处 刘所 陈晓方 13912345678 85551234 五〇二 ３０１ 3组12号"
# The demo's residents too: owners on the roster, joint owners, the one who raised issue 7.
RAW="$RAW 张小明 欧阳小明 梁春花"

mkdir scan
n=0
save() { n=$((n + 1)); cp "$T/out" "scan/$n.$1"; }
# Staff commands, unrevealed.
for args in "issue list" "issue list --format csv" "meeting show $M" \
  "meeting show 1" "meeting list" "owners list" "owners list --units" \
  "owners list --format csv" "vote show 2" "fund list" "log" "log --payload" \
  "decision list" "action list"; do
  ok $args; save txt
  ok --json $args; save json
done
for id in $(sqlite3 "$CONSULT_LEDGER" 'SELECT id FROM issue'); do
  ok issue show "$id"; save txt
  ok --json issue show "$id"; save json
done
# Public documents, every format.
for f in md html json docx; do
  ok minutes export "$M" --public --format $f --out "scan/minutes-$M.$f"
  ok minutes export 1 --public --format $f --out "scan/minutes-1.$f"
  ok fund notice --period 2027-01 --format $f --out "scan/fund.$f"
done
ok notice results --period 2027-01 --format md --out scan/results.md
ok meeting export "$M" --format ics --out scan/meeting.ics
ok agenda --week next --all --out-dir scan/agenda
# DOCX files are zips: scan the XML inside.
for d in scan/*.docx; do
  mkdir "$d.x" && (cd "$d.x" && unzip -q "../$(basename "$d")")
done
for v in $RAW; do
  hits=$(grep -rlF -- "$v" scan || true)
  [ -z "$hits" ] || fail "'$v' appears unmasked in: $hits"
done

# Named as what they are: bodies, guests, members.
grep -qF "和平街道办事处" scan/fund.md || fail "a listed organisation is masked in the statement"
grep -qF "何工" "scan/minutes-$M.md" || fail "a guest from a body is masked"
grep -qF "区房管局" "scan/minutes-$M.md" || fail "the guest's body is masked"
grep -qF "王建国" "scan/minutes-$M.md" || fail "the chair (a member) is masked"
grep -qF "李*" "scan/minutes-$M.html" || fail "the resident who spoke is not shown masked"
grep -qF "孙*部" "scan/minutes-$M.html" || fail "a resident who took part is not listed masked"
grep -qF "陈*方" scan/fund.html || fail "the donor is not shown masked"
grep -qF "三单元五〇二室" scan/*.md && fail "a door in Chinese numerals is published"

# --- reveals are recorded, and list nothing personal ------------------------
# The demo exported the full minutes of meeting 1: a reveal of that meeting.
ok log --reveals
out_has "minutes export"
out_match "heping: .*1"
ok --json log --reveals
[ "$(grep -c . "$T/out")" = 1 ] || fail "the demo recorded other reveals: $(cat "$T/out")"
before=$(sqlite3 "$CONSULT_LEDGER" 'SELECT count(*) FROM event')
CONSULT_ACTOR=刘洋 ok issue show "$A" --reveal
out_has "李方"
out_has "13912345678"
CONSULT_ACTOR=刘洋 ok owners list --reveal
out_has "梁春花"
ok log --payload --reveal --after "$before"
after=$(sqlite3 "$CONSULT_LEDGER" 'SELECT count(*) FROM event')
[ "$after" -eq $((before + 3)) ] || fail "three reveals, $((after - before)) events recorded"
ok log --reveals
out_has "刘洋"
out_has "issue show"
out_has "owners list"
ok --json log --reveals
# The demo's full minutes first, then these three.
jq -se "length == 4 and .[1].command == \"issue show\" and .[1].records.issues == [$A]" \
  "$T/out" >/dev/null || fail "the reveal of issue $A is not listed as such"
for v in 李方 13912345678 梁春花; do
  out_lacks "$v"
done
sqlite3 "$CONSULT_LEDGER" "SELECT payload FROM event WHERE kind = 'privacy.reveal'" >scan/reveals
for v in $RAW; do
  ! grep -qF -- "$v" scan/reveals || fail "a reveal's record holds '$v'"
done
ok verify

# A reveal that cannot be recorded reveals nothing: a ledger this user may
# read but not write (as root, the test runs the command as nobody).
sqlite3 "$CONSULT_LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
mkdir "$T/rodir" && cp "$CONSULT_LEDGER" "$T/rodir/ro.db"
chmod 644 "$T/rodir/ro.db" && chmod 555 "$T/rodir" && chmod 711 "$T"
as=""
[ "$(id -u)" = 0 ] && as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
set +e
$as "$CONSULT" --ledger "$T/rodir/ro.db" issue show "$A" --reveal >"$T/out" 2>"$T/err" </dev/null
status=$?
set -e
[ "$status" -ne 0 ] || fail "a reveal on a ledger that cannot be written was not refused"
err_has "reveal"
out_lacks "李方"
$as "$CONSULT" --ledger "$T/rodir/ro.db" issue show "$A" >"$T/out" 2>"$T/err" </dev/null ||
  fail "a plain read of a read-only ledger failed: $(cat "$T/err")"
out_has "李*"
chmod 755 "$T/rodir"
