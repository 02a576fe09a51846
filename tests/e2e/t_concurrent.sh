# Concurrency: issue add, import, a council vote cycle and comments written
# by four processes at once, with the cron job's agenda loop, for a minute:
# every command succeeds (no "database is locked" reaches the user), every
# reported write is in the ledger, verify passes (tests/crash/concurrent.py,
# figures in docs/reliability.md).
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

/usr/bin/python3 "$CONSULT_SOURCE_DIR/tests/crash/concurrent.py" "$CONSULT" "$T" \
  --seconds "${CONSULT_CONCURRENT_SECONDS:-60}" >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
cat "$T/out"
out_has "0 failed, 0 'database is locked'"
out_has "verify ok"
