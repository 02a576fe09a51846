# Crash safety: 200 writing commands (issue add, import, accept) killed with
# SIGKILL at random moments, seeded; after each the ledger is intact, what
# reported success is wholly there and no import is there in part; verify
# passes throughout (tests/crash/kill.py, figures in docs/reliability.md).
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

/usr/bin/python3 "$CONSULT_SOURCE_DIR/tests/crash/kill.py" "$CONSULT" "$T" \
  --seed "${CONSULT_CRASH_SEED:-20261122}" --kills "${CONSULT_CRASH_KILLS:-200}" >"$T/out" 2>"$T/err" ||
  fail "$(cat "$T/err")"
cat "$T/out"
out_has "${CONSULT_CRASH_KILLS:-200} killed while running"
