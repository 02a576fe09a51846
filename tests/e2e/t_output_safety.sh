# Writing files: no command writes over the ledger (by its name, ./, a hard
# or symbolic link, its -wal), over a file it reads (the spreadsheet being
# imported, a ledger a report reads, the backup being restored), onto a FIFO,
# a device or a directory, or through a symbolic link planted at the target;
# a full disk is exit 74 and never "written"; `agenda` checks its output
# directory before it plans anything. Each refused command leaves the ledger,
# every input and the directory exactly as they were, with no temporary file.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

mkdir "$T/w" && cd "$T/w"
export CONSULT_LEDGER="$T/w/consult.db"
seed
ok issue accept 1
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 --auto-agenda
ok fund add --kind income --amount 500 --party 张小明 --purpose 活动室众筹 --date 2026-11-20

cat > box.csv <<'CSV'
日期,内容,电话
2026-11-01,这一行是好的,
2026-02-30,日期不存在,
CSV
echo "must not change" > victim.txt
ok backup nightly.db

# What must not change: the ledger's contents and bytes, every input, and
# the names in this directory (no temporary file left behind). SQLite's -wal
# and -shm come and go with connections and are left out of the listing.
inputs="$T/consult.toml $T/communities/* box.csv victim.txt nightly.db"
state() {
  snapshot
  sha256sum "$CONSULT_LEDGER" $inputs
  ls -A "$T/w" | grep -vE '\.db-(wal|shm)$'
}

# refused STATUS MESSAGE ARGS...: consult ARGS exits STATUS saying MESSAGE,
# prints no "written", and changes nothing.
refused() {
  want=$1 message=$2
  shift 2
  state >"$T/before"
  run "$@"
  expect_status "$want"
  err_has "$message"
  ! grep -q "written" "$T/out" "$T/err" || fail "a refused write said 'written'"
  state >"$T/after"
  diff "$T/before" "$T/after" >&2 || fail "a refused write changed something: consult $*"
}

# The ledger, by every name.
ln consult.db hard-link.db
ln -s consult.db soft-link.db
mkdir sub
for target in "$CONSULT_LEDGER" ./consult.db consult.db sub/../consult.db hard-link.db \
  soft-link.db consult.db-wal consult.db-journal; do
  refused 73 "it is the ledger" minutes export 1 --out "$target"
done
refused 73 "it is the ledger" minutes export 1 --format docx --out ./consult.db
refused 73 "it is the ledger" meeting export 1 --format ics --out ./consult.db
refused 73 "it is the ledger" notice results --period 2026-11 --out soft-link.db
refused 73 "it is the ledger" fund notice --period 2026-11 --out "$CONSULT_LEDGER"
refused 73 "it is the ledger" report --period 2026 --format csv --out hard-link.db
refused 73 "it is the ledger" report --period 2026 --format xlsx --out "$CONSULT_LEDGER"
refused 73 "it is the ledger" import box.csv --skip-bad --rejects "$CONSULT_LEDGER"
refused 73 "it is the ledger" import box.csv --skip-bad --rejects soft-link.db
err_has "--rejects"
refused 73 "already exists" backup ./consult.db
refused 73 "is the ledger" restore soft-link.db --force
rm hard-link.db soft-link.db

# The command's own inputs.
refused 73 "which this command reads" import box.csv --skip-bad --rejects box.csv
refused 73 "which this command reads" import box.csv --skip-bad --rejects ./box.csv
refused 73 "which this command reads" minutes export 1 --out "$T/consult.toml"
refused 73 "which this command reads" minutes export 1 --out "$T/communities/heping.toml"
refused 73 "it is the ledger" report --ledger nightly.db --period 2026 --format csv --out nightly.db

# Not a regular file: a FIFO (the command must not hang on it), a directory,
# a device node (where this machine lets us make one), a symbolic link
# planted at the target, to a file and to nothing.
mkfifo pipe
refused 73 "not a regular file" minutes export 1 --out pipe
refused 73 "not a regular file" meeting export 1 --format ics --out pipe
refused 73 "not a regular file" import box.csv --skip-bad --rejects pipe
[ -p pipe ] || fail "the FIFO was replaced"
mkdir board
refused 73 "it is a directory" minutes export 1 --out board
refused 73 "it is a directory" minutes export 1 --out board/
refused 73 "it is a directory" import box.csv --skip-bad --rejects board
if mknod null c 1 3 2>/dev/null && [ -c null ]; then
  refused 73 "not a regular file" minutes export 1 --out null
  refused 73 "not a regular file" report --period 2026 --format csv --out null
  [ -c null ] || fail "the device node was replaced"
  rm null
else
  echo "skip: cannot make a device node here; the FIFO stands for it"
fi
ln -s victim.txt planted.md
ln -s nowhere.md dangling.md
refused 73 "symbolic link" minutes export 1 --out planted.md
refused 73 "symbolic link" import box.csv --skip-bad --rejects planted.md
refused 73 "symbolic link" fund notice --period 2026-11 --out dangling.md
[ -L planted.md ] && [ ! -e nowhere.md ] || fail "a planted link was followed or replaced"
# The old predictable temporary name, planted: not followed.
ln -s victim.txt minutes.md.part
ok minutes export 1 --out minutes.md
out_has "written to minutes.md"
[ "$(cat victim.txt)" = "must not change" ] || fail "a link at FILE.part was followed"
rm planted.md dangling.md minutes.md.part minutes.md

# A directory that does not exist is 73 too.
refused 73 "No such file or directory" minutes export 1 --out missing/minutes.md

# Legitimate writes still work, replacing a file, and leave only that file.
ok import box.csv --skip-bad --rejects rejects.csv
out_has "bad rows written to rejects.csv"
grep -q "日期不存在" rejects.csv || fail "rejects.csv lacks the bad row"
ok minutes export 1 --out minutes.md
ok minutes export 1 --format html --out minutes.md
grep -q "<html" minutes.md || fail "the export did not replace the old file"
ls -A | grep -E '\.tmp$|\.part$' && fail "temporary files left behind"
rm rejects.csv minutes.md

# A full disk: a 64 KiB tmpfs filled up (where root may mount one).
mkdir full
if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
  trap 'umount "$T/w/full" 2>/dev/null || true; rm -rf "$T"' EXIT
  echo "the old minutes" > full/old.md
  dd if=/dev/zero of=full/filler bs=4k 2>/dev/null || true
  ls -A full > "$T/full-before"
  refused 74 "No space left on device" minutes export 1 --out full/minutes.md
  err_has "check free disk space"
  refused 74 "No space left on device" minutes export 1 --format docx --out full/old.md
  [ "$(cat full/old.md)" = "the old minutes" ] || fail "a failed write changed the old file"
  refused 74 "No space left on device" import box.csv --skip-bad --rejects full/rejects.csv
  err_has "--rejects"
  # Room for the first rows set aside but not for all of them: the write
  # fails during the import, which rolls back, its good row included.
  { echo "日期,内容,电话"; echo "2026-11-02,另一行好的内容,"
    for i in $(seq 300); do echo "2026-02-30,第${i}行的日期不存在,"; done; } > many.csv
  inputs="$inputs many.csv"
  truncate -s -4096 full/filler
  ls -A full > "$T/full-before"
  refused 74 "No space left on device" import many.csv --skip-bad --rejects full/rejects.csv
  err_has "--rejects"
  ls -A full | diff "$T/full-before" - >&2 || fail "a failed write left files on the full disk"
  umount full
  echo "full disk: exit 74, nothing written, the ledger and the old file unchanged"
else
  echo "skip: cannot mount a tmpfs here (not root); the full disk is covered by the unit tests"
fi
rmdir full

# agenda checks its output directory before it plans: a path under a
# regular file, or a regular file, is 73 with the ledger unchanged.
export CONSULT_NOW="2026-11-27 17:00" # a Friday: next week, 2026-W49, has meetings to plan
echo "a file" > blocker
inputs="$inputs blocker"
refused 73 "cannot write in directory" agenda --week next --all --out-dir blocker/sub
refused 73 "cannot write in directory" agenda --week next --all --out-dir blocker
ok agenda --week next --all --out-dir agendas
ok meeting list --json
[ "$(wc -l < "$T/out")" -gt 1 ] || fail "agenda planned nothing: the checks above proved nothing"
ls -A agendas | grep -E '\.tmp$' && fail "agenda left temporary files"
ok verify
echo "ok: every hazard refused with the ledger, the inputs and the directory unchanged"
