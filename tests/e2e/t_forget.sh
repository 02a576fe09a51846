#!/bin/bash
# consult forget (docs/privacy.md, "Forgetting"): a resident asks for their
# personal data to be erased (个人信息保护法 art. 47), and the community keeps
# the rest of its record. The erased bytes are gone from the ledger file and
# its write-ahead log; `verify` still passes; the erasure is an event that
# names no one; other residents' data stays; a clerk's mistakes change
# nothing; the retention period erases old issues from cron; and a ledger
# written before schema 10 is resealed so that it can forget too.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
export CONSULT_NOW="2025-01-06 09:00"
ok init

# 王立方 raises a matter with his phone, door and an ID number in an extra
# column; he is a stakeholder in 李娜's matter and is named in a meeting's
# notes and the account book.
cat >box.csv <<'CSV'
日期,姓名,电话,地址,内容,身份证号
2025-01-03,王立方,13912345678,5号楼2单元502室,楼道灯坏了，王立方家门口最暗,110101199003071234
2025-01-04,赵小红,13700001111,7号楼1单元301室,垃圾桶满溢,
CSV
ok import box.csv --community heping
ok issue add --community heping --title "希望开放儿童活动室" --channel visit --category children \
  --raised-by 李娜 --phone 13900001111 --place "3号楼1单元201室" --raised-on 2025-01-05 \
  --stakeholder 王立方
ok issue accept 1
ok issue accept 3
ok meeting plan --community heping --kind council --at "2025-01-08 19:30" --venue 议事厅 --issue 1
export CONSULT_NOW="2025-01-08 21:00"
ok meeting attend 1 --present 王建国,李秀英 --resident 王立方
ok meeting note 1 --issue 1 --speaker 王立方 --text "我是王立方，电话13912345678，灯已经坏了一个月"
ok meeting note 1 --issue 1 --speaker 王建国 --text "王立方反映属实，尽快修"
ok meeting close 1
ok fund add --kind income --amount 200 --party 王立方 --purpose "楼道灯捐款" --issue 1
ok verify

sqlite3 consult.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
grep -qa "王立方" consult.db || fail "the test's premise: the name is in the file"
before=$(snapshot)

# A clerk's mistakes change nothing.
run forget --resident 王立方
expect_status 64
err_has "reason"
run forget --reason "本人申请"
expect_status 64
run forget --resident 王丽芳 --reason "本人申请"
expect_status 65
err_has "no record holds the name"
run forget --issue 99 --reason "本人申请"
expect_status 66
run forget --expired
expect_status 78
err_has "retain_years"
ok forget --resident 王立方 --dry-run
out_has "nothing was erased"
# A body the community lists is not a resident: its name is public.
run forget --resident 物业公司 --reason "本人申请"
expect_status 65
err_has "organisations"
[ "$(snapshot)" = "$before" ] || fail "a refused or dry forget changed the ledger"

ok forget --resident 王立方 --reason "本人申请删除（个人信息保护法第四十七条）"
out_match "erased personal data from [0-9]+ records"
ok verify
out_has "ok: "
# Gone from the file's bytes, its write-ahead log included: the name, the
# phone, the ID number, the door.
for v in 王立方 13912345678 110101199003071234 2单元502室; do
  for f in consult.db consult.db-wal; do
    [ -f "$f" ] || continue
    ! grep -qa -- "$v" "$f" || fail "'$v' is still in the bytes of $f"
  done
done
# Staff who ask to see everything see the erased marks, nothing more.
ok issue show 1 --reveal
out_has "〔已删除"
out_lacks "王立方"
out_has "5号楼"
ok meeting show 1 --reveal
out_lacks "王立方"
out_lacks "13912345678"
ok fund list --reveal
out_lacks "王立方"
# Other residents keep their data: 李娜 and 赵小红 are as they were.
ok issue show 3 --reveal
out_has "李娜"
out_has "13900001111"
out_has "3号楼1单元201室"
ok issue show 2 --reveal
out_has "赵小红"
out_has "13700001111"
# The erasure is recorded, naming no one: why, who, how many.
ok log --payload --reveal
out_has "privacy.forget"
out_lacks "王立方"
ok log --json
grep -F '"kind":"privacy.forget"' "$T/out" | grep -qF '"residents":1' ||
  fail "the erasure does not say how many residents"

# An issue erased on request: its raiser's data goes, the council's does not.
ok forget --issue 3 --reason "反映人撤回并申请删除"
ok verify
ok issue show 3 --reveal
out_lacks "李娜"
out_lacks "13900001111"
out_has "3号楼"
ok issue show 2 --reveal
out_has "赵小红"
ok meeting show 1 --reveal
out_has "王建国"

# A forger who changes what an erasure left, or erases by hand, is caught.
cp consult.db kept.db
sqlite3 consult.db "UPDATE personal_value SET shown = replace(shown, '〔已删除', '〔伪造') WHERE ref = (SELECT ref FROM personal_value WHERE shown LIKE '%〔已删除%' LIMIT 1)"
run verify
expect_status 65
err_has "is not what event"
cp kept.db consult.db
rm -f consult.db-wal consult.db-shm
sqlite3 consult.db "UPDATE personal_value SET salt = NULL, value = NULL, shown = '{}', forgotten_seq = 3 WHERE ref = (SELECT ref FROM personal_value WHERE value LIKE '%赵小红%')"
run verify
expect_status 65
err_has "without a privacy.forget event"
cp kept.db consult.db
rm -f consult.db-wal consult.db-shm
ok verify

# The retention period, from cron: issues closed, rejected or merged more
# than retain_years ago lose their personal data; the rest keep it.
printf '\n[privacy]\nretain_years = 1\n' >>consult.toml
export CONSULT_NOW="2025-01-10 09:00"
ok issue reject 2 --reason "不属于社区事务"
export CONSULT_NOW="2025-06-01 09:00"
ok forget --expired
out_has "nothing to erase"
export CONSULT_NOW="2026-02-01 09:00"
ok forget --expired --dry-run
out_has "would erase"
ok forget --expired
out_has "erased"
ok verify
ok issue show 2 --reveal
out_lacks "赵小红"
out_lacks "13700001111"
ok forget --expired
out_has "nothing to erase"
printf '[privacy]\nretain_years = 0\n' >bad.toml
cat consult.toml | grep -v '^\[privacy\]\|^retain_years' >>bad.toml
CONSULT_CONFIG="$T/bad.toml" run forget --expired
expect_status 78
err_has "bad.toml"

# A ledger written before schema 10 is resealed when it is opened, its old
# hashes kept; then it can forget like any other.
cp "$CONSULT_SOURCE_DIR/tests/fixtures/ledgers/all-kinds-v9.db" old.db
export CONSULT_LEDGER="$T/old.db"
export CONSULT_NOW="2027-02-01 09:00"
export CONSULT_CONFIG="$CONSULT_SOURCE_DIR/examples/consult.toml"
# A dry run does not upgrade it either: it says how.
run forget --resident 李方 --dry-run
expect_status 65
err_has "consult init"
[ "$(sqlite3 old.db 'PRAGMA user_version')" = 9 ] || fail "a dry run upgraded the ledger"
run log --head
expect_status 65 # schema 9: upgrade first
ok init
ok log --json
grep -qF '"kind":"ledger.reseal"' "$T/out" || fail "no ledger.reseal event after the upgrade"
ok verify
grep -qa "李方" old.db || fail "the fixture's premise: 李方 is in it"
ok forget --resident 李方 --reason "本人申请删除"
ok verify
for f in old.db old.db-wal; do
  [ -f "$f" ] || continue
  ! grep -qa "李方" "$f" || fail "李方 is still in the bytes of the resealed $f"
done
echo "ok: forget erases, keeps the rest, records, verifies, and works on a resealed ledger"
