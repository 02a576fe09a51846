# A full disk and a read-only ledger: a clear error with the right exit
# status, nothing lost, and the same command works once there is room.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

/usr/bin/python3 - "$T/big.csv" <<'PYEOF'
import sys
rows = ["提交日期,渠道,反映内容"] + [
    f"2026-11-{1 + i % 20},意见箱,第{i}条：楼道灯不亮，请尽快修理，老人晚上出门很不方便。"
    for i in range(20000)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PYEOF

# The disk fills during a 20,000-row import: a 2 MiB tmpfs where this
# machine lets root mount one (a real ENOSPC), else a file-size limit that
# makes the ledger's writes fail the same way (EFBIG).
mkdir "$T/small"
if mount -t tmpfs -o size=2m tmpfs "$T/small" 2>/dev/null; then
  trap 'umount "$T/small" 2>/dev/null || true; rm -rf "$T"' EXIT
  how="a full 2 MiB tmpfs"
  limit=unlimited
else
  how="a 1 MiB file-size limit"
  limit=1024
fi
export CONSULT_LEDGER="$T/small/consult.db"
ok -q init
ok issue add --community heping --title "满盘之前的议题" --channel visit --category other
before=$(snapshot)
set +e
(trap '' XFSZ; ulimit -f "$limit"; "$CONSULT" import "$T/big.csv" --community heping) \
  >"$T/out" 2>"$T/err"
status=$?
set -e
expect_status 74
err_has "I/O error on ledger"
err_has "check free disk space; the ledger is unchanged"
[ "$(snapshot)" = "$before" ] || fail "a write on a full disk ($how) changed the ledger"
ok verify
echo "disk full ($how): exit 74, ledger unchanged, verify ok"
if [ "$limit" = unlimited ]; then
  # With room again (the ledger moved to a roomy directory), the same import works.
  umount "$T/small" 2>/dev/null || true
fi
export CONSULT_LEDGER="$T/roomy.db"
ok -q init
ok -q import "$T/big.csv" --community heping
ok verify

# A ledger the user may read but not write: the writing command says so
# (73) and changes nothing; reading still works. (As root file modes do not
# stop writes, so the commands run as 'nobody'.)
mkdir "$T/ro" && chmod 0777 "$T/ro"
chmod a+rx "$T" && chmod -R a+rX "$T/consult.toml" "$T/communities"
export CONSULT_LEDGER="$T/ro/consult.db"
ok -q init
ok issue add --community heping --title "只读之前的议题" --channel visit --category other
chown nobody "$CONSULT_LEDGER" && chmod 0400 "$CONSULT_LEDGER"
before=$(snapshot)
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$CONSULT" "$@"; }
set +e
as_nobody issue add --community heping --title "写不进去" >"$T/out" 2>"$T/err"
status=$?
set -e
expect_status 73
err_has "cannot write ledger"
err_has "check the file's and its directory's permissions"
[ "$(snapshot)" = "$before" ] || fail "a refused write changed the read-only ledger"
as_nobody issue list >"$T/out" 2>"$T/err" || fail "reading a read-only ledger failed: $(cat "$T/err")"
out_has "只读之前的议题"
