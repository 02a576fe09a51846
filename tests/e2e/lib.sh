# Helpers for end-to-end tests: each test script sources this, runs the real
# `consult` binary in its own temporary directory with the configuration,
# ledger and clock pinned by environment variables, and checks what it printed
# and its exit status.

set -eu
: "${CONSULT:?set CONSULT to the consult binary}"
: "${CONSULT_SOURCE_DIR:?set CONSULT_SOURCE_DIR to the source tree}"

T=$(mktemp -d "${TMPDIR:-/tmp}/consult-e2e-XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
cp "$CONSULT_SOURCE_DIR/examples/consult.toml" consult.toml
cp -r "$CONSULT_SOURCE_DIR/examples/communities" communities

export CONSULT_CONFIG="$T/consult.toml"
export CONSULT_LEDGER="$T/consult.db"
export CONSULT_NOW="2026-11-21 10:00"
export CONSULT_ACTOR="tester"
export NO_COLOR=1
export LC_ALL=C.UTF-8
unset CONSULT_BUSY_TIMEOUT LANGUAGE 2>/dev/null || true

fail() {
  echo "FAIL: $*" >&2
  echo "--- last command: consult ${LAST:-}" >&2
  echo "--- stdout:" >&2; cat "$T/out" >&2 2>/dev/null || true
  echo "--- stderr:" >&2; cat "$T/err" >&2 2>/dev/null || true
  exit 1
}

# run ARGS...: runs consult, keeping stdout in $T/out, stderr in $T/err, status in $status.
run() {
  LAST="$*"
  set +e
  "$CONSULT" "$@" >"$T/out" 2>"$T/err" </dev/null
  status=$?
  set -e
}

# ok ARGS...: runs consult and requires exit status 0.
ok() {
  run "$@"
  [ "$status" -eq 0 ] || fail "expected success, got exit status $status"
}

expect_status() { [ "$status" -eq "$1" ] || fail "expected exit status $1, got $status"; }
out_has() { grep -qF -- "$1" "$T/out" || fail "stdout lacks: $1"; }
out_match() { grep -qE -- "$1" "$T/out" || fail "stdout does not match: $1"; }
out_lacks() { ! grep -qF -- "$1" "$T/out" || fail "stdout has: $1"; }
err_has() { grep -qF -- "$1" "$T/err" || fail "stderr lacks: $1"; }
out_is() {
  printf '%s\n' "$1" >"$T/expected"
  cmp -s "$T/expected" "$T/out" || { diff "$T/expected" "$T/out" >&2 || true; fail "stdout differs"; }
}
out_empty() { [ ! -s "$T/out" ] || fail "expected no output"; }
err_empty() { [ ! -s "$T/err" ] || fail "expected nothing on stderr"; }

# The ledger's full contents, to prove a failed command changed nothing.
snapshot() { sqlite3 "$CONSULT_LEDGER" .dump | sha256sum; }

# A ledger with the example community and a few issues.
seed() {
  ok init
  ok issue add --community heping --title "3号楼屋顶漏水" --channel suggestion-box \
    --category facility-repair --place "3号楼" --raised-by 张小明 --phone 13812341234 \
    --raised-on 2026-11-12 --stakeholder 物业公司
  ok issue add --community heping --title "希望开放儿童活动室" --channel reception-day \
    --category children --raised-by 李娜 --raised-on 2026-11-06
  ok issue add --community heping --title "电动车在楼道充电" --channel wechat-group \
    --category safety --place "5号楼2单元" --raised-on 2026-11-15
}

# screenshot PAGE.html OUT.png WIDTH HEIGHT: headless Chromium renders a
# local page (no network, a fresh profile) and saves what it drew.
screenshot() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/chromium" --window-size="$3,$4" --screenshot="$2" \
    "file://$(realpath "$1")" >/dev/null 2>&1 || fail "Chromium could not render $1"
}
