# Witness files handed to `consult verify --witness` come from elsewhere (a
# USB stick, a mail): one made to hang or exhaust verify is refused, quickly,
# with a message that names the file. A device never ends, a pipe may never
# speak, a directory is no file, and a "backup" whose ledger_head is a view
# that never ends is not run.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
ok log --head
cp "$T/out" head.txt
ok verify --witness head.txt

# A device or a pipe: refused before a byte is read (timeout: a hang fails).
for dev in /dev/zero /dev/urandom; do
  LAST="verify --witness $dev"
  set +e
  timeout 20 "$CONSULT" verify --witness "$dev" >"$T/out" 2>"$T/err" </dev/null
  status=$?
  set -e
  expect_status 66
  err_has "witness '$dev' is not a regular file"
done
mkfifo pipe
LAST="verify --witness pipe"
set +e
timeout 20 "$CONSULT" verify --witness pipe >"$T/out" 2>"$T/err" </dev/null
status=$?
set -e
expect_status 66
err_has "witness 'pipe' is not a regular file"

# A symbolic link is followed to a regular file, not to a device.
ln -s head.txt link.txt
ok verify --witness link.txt
ln -s /dev/zero zero.txt
run verify --witness zero.txt
expect_status 66
err_has "is not a regular file"

# A directory is named as what it is.
mkdir held
run verify --witness held
expect_status 66
err_has "witness 'held' is not a regular file"

# A "backup" whose ledger_head is a view that never ends: views are not run.
app=$(sqlite3 "$CONSULT_LEDGER" "PRAGMA application_id")
sqlite3 evil.db "PRAGMA application_id = $app;
CREATE VIEW ledger_head AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
SELECT 1 AS id, max(x) AS seq, 'h' AS hash FROM c;"
LAST="verify --witness evil.db"
set +e
timeout 20 "$CONSULT" verify --witness evil.db >"$T/out" 2>"$T/err" </dev/null
status=$?
set -e
expect_status 65
err_has "cannot read backup 'evil.db' as a consult ledger"

# A file that starts like SQLite but is not one.
printf 'SQLite format 3\000garbage' > fake.db
run verify --witness fake.db
expect_status 65
err_has "fake.db"

# verify --export of a device or a directory is refused the same way.
LAST="verify --export /dev/zero"
set +e
timeout 20 "$CONSULT" verify --export /dev/zero >"$T/out" 2>"$T/err" </dev/null
status=$?
set -e
expect_status 66
err_has "'/dev/zero' is not a regular file"
run verify --export held
expect_status 66
err_has "'held' is not a regular file"
echo ok
