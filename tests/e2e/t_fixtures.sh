# Ledgers verify forever: every ledger fixture written by an earlier version
# (tests/fixtures/ledgers/, docs/architecture.md) opens under this binary,
# migrates, verifies, and keeps its event log byte for byte; and the demo,
# run now, writes the very events the previous version wrote (the golden log).
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

F="$CONSULT_SOURCE_DIR/tests/fixtures/ledgers"
dump() { # LEDGER: every event and item, as stored
  sqlite3 -bail "$1" "SELECT seq, at, actor, kind, entity, payload, prev_hash, hash FROM event ORDER BY seq;
    SELECT seq, n, key, data FROM event_item ORDER BY seq, n;"
}

# Opened without a configuration, so that nothing but the migration can
# write (init records configured communities whose configuration changed).
# (Nor from the working directory's consult.toml: from an empty one.)
config=$CONSULT_CONFIG
unset CONSULT_CONFIG
mkdir "$T/bare" && cd "$T/bare"
found=0
for db in "$F"/*.db; do
  found=$((found + 1))
  name=$(basename "$db")
  cp "$db" "$T/$name"
  dump "$T/$name" >"$T/before"
  [ -s "$T/before" ] || fail "$name: no events read from the fixture"
  CONSULT_LEDGER="$T/$name" run init
  [ "$status" -eq 0 ] || fail "$name: consult init (migration) failed"
  CONSULT_LEDGER="$T/$name" run verify
  [ "$status" -eq 0 ] || fail "$name: verify failed after migration"
  out_has "ok: "
  dump "$T/$name" >"$T/after"
  cmp -s "$T/before" "$T/after" || {
    diff "$T/before" "$T/after" | head -20 >&2
    fail "$name: the event log changed when it was migrated"
  }
  # A fixture that lists the kinds it holds still holds each of them.
  kinds="${db%.db}.kinds"
  if [ -f "$kinds" ]; then
    sqlite3 "$T/$name" 'SELECT DISTINCT kind FROM event ORDER BY kind' >"$T/kinds"
    cmp -s "$kinds" "$T/kinds" || fail "$name: its event kinds are not those listed in $(basename "$kinds")"
  fi
done
[ "$found" -ge 2 ] || fail "expected ledger fixtures in $F, found $found"
cd "$T"
export CONSULT_CONFIG="$config"

# The demo writes what the previous version wrote: same kinds, same payloads,
# same hashes (its clock and actor are pinned).
golden=$(ls "$F"/demo-log-v*.jsonl | sort -V | tail -n 1)
DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >"$T/out" 2>"$T/err" ||
  fail "demo failed"
CONSULT_LEDGER="$T/demo/consult.db" CONSULT_NOW="2027-01-11 09:00" \
  "$CONSULT" log --json >"$T/demo-log.jsonl" 2>"$T/err" || fail "log --json failed"
# A reveal records the account that ran consult (docs/privacy.md): run by
# another account than the golden file's, the logs are compared with the
# login in its place, and without the hashes that cover it.
same_login=$(python3 - "$golden" "$(id -un)" <<'PY'
import json, sys
logins = {json.loads(l)["payload"].get("login") for l in open(sys.argv[1], encoding="utf-8")
          if json.loads(l)["kind"] == "privacy.reveal"}
print("yes" if logins <= {sys.argv[2]} else "no")
PY
)
normalised() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    e.pop("hash"), e.pop("prev_hash")
    if e["kind"] == "privacy.reveal":
        e["payload"]["login"] = "(account)"
    print(json.dumps(e, ensure_ascii=False, sort_keys=True))
PY
}
if [ "$same_login" = no ]; then
  normalised "$golden" >"$T/golden.cmp"
  normalised "$T/demo-log.jsonl" >"$T/demo.cmp"
  cmp -s "$T/golden.cmp" "$T/demo.cmp"
else
  cmp -s "$golden" "$T/demo-log.jsonl"
fi || {
  diff "$golden" "$T/demo-log.jsonl" | head -20 >&2
  fail "the demo's event log differs from $(basename "$golden")"
}
echo "ok: $found ledger fixtures verify; the demo's log equals $(basename "$golden")"
