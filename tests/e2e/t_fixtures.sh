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
  version=$(sqlite3 "$T/$name" 'PRAGMA user_version')
  CONSULT_LEDGER="$T/$name" run init
  [ "$status" -eq 0 ] || fail "$name: consult init (migration) failed"
  CONSULT_LEDGER="$T/$name" run verify
  [ "$status" -eq 0 ] || fail "$name: verify failed after migration"
  out_has "ok: "
  if [ "$version" -ge 10 ]; then
    dump "$T/$name" >"$T/after"
    cmp -s "$T/before" "$T/after" || {
      diff "$T/before" "$T/after" | head -20 >&2
      fail "$name: the event log changed when it was migrated"
    }
  else
    # Resealed at schema 10: each event, its personal data put back from
    # personal_value (read here without consult), is byte for byte what it
    # was, hashes to its old hash chained as before, and the old hash is kept
    # in sealed_hash; a ledger.reseal event after them names the last one.
    python3 - "$db" "$T/$name" <<'PY' || fail "$name: the resealed log is not the log it was"
import hashlib, json, sqlite3, sys
old = sqlite3.connect(f"file:{sys.argv[1]}?immutable=1", uri=True)  # the committed file, untouched
new = sqlite3.connect(sys.argv[2])
def canon(j):
    return json.dumps(j, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
values = {r: v for r, v in new.execute("SELECT ref, value FROM personal_value")}
def unseal(j):
    if isinstance(j, list):
        return [unseal(x) for x in j]
    if not isinstance(j, dict):
        return j
    out = {k: (v if k == "config" else unseal(v)) for k, v in j.items() if k != "personal"}
    if "personal" in j:
        out.update(json.loads(values[j["personal"]]))
    return out
sealed = dict(new.execute("SELECT seq, hash FROM sealed_hash"))
rows = old.execute("SELECT seq, at, actor, kind, entity, payload, prev_hash, hash FROM event ORDER BY seq").fetchall()
prev = "0" * 64
refs = 0
for seq, at, actor, kind, entity, payload, prev_hash, h in rows:
    (npayload,) = new.execute("SELECT payload FROM event WHERE seq = ?", (seq,)).fetchone()
    refs += npayload.count('"personal":')
    p = unseal(json.loads(npayload))
    items = old.execute("SELECT n, coalesce(key, ''), data FROM event_item WHERE seq = ? ORDER BY n", (seq,)).fetchall()
    if items:
        d = hashlib.sha256()
        for n, key, data in items:
            (ndata,) = new.execute("SELECT data FROM event_item WHERE seq = ? AND n = ?", (seq, n)).fetchone()
            back = canon(unseal(json.loads(ndata)))
            assert back == data, (seq, n, back, data)
            d.update(f"{n}\t{key}\t{back}\n".encode())
        p["items_sha256"] = d.hexdigest()
    assert canon(p) == payload, (seq, canon(p), payload)
    again = hashlib.sha256(canon([seq, at, actor, kind, entity, canon(p), prev]).encode()).hexdigest()
    assert again == h == sealed[seq], (seq, again, h)
    prev = h
last = new.execute("SELECT kind, payload FROM event WHERE seq = ?", (len(rows) + 1,)).fetchone()
assert last[0] == "ledger.reseal" and json.loads(last[1])["head"] == prev, last
assert refs > 0, "nothing was sealed"
PY
  fi
  # A fixture that lists the kinds it holds still holds each of them.
  kinds="${db%.db}.kinds"
  if [ -f "$kinds" ]; then
    sqlite3 "$T/$name" 'SELECT DISTINCT kind FROM event WHERE kind <> '"'ledger.reseal'"' ORDER BY kind' >"$T/kinds"
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
normalised() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    e.pop("hash"), e.pop("prev_hash"), e.pop("stored_payload", None)
    e["payload"].pop("items_sha256", None)  # over rows holding salted references
    if e["kind"] in ("privacy.reveal", "privacy.forget"):
        e["payload"]["login"] = "(account)"
    print(json.dumps(e, ensure_ascii=False, sort_keys=True))
PY
}
# The hashes are compared for none: from schema 10 each event covers salted
# references to its personal data, and salts are random by design.
normalised "$golden" >"$T/golden.cmp"
normalised "$T/demo-log.jsonl" >"$T/demo.cmp"
cmp -s "$T/golden.cmp" "$T/demo.cmp" || {
  diff "$golden" "$T/demo-log.jsonl" | head -20 >&2
  fail "the demo's event log differs from $(basename "$golden")"
}
echo "ok: $found ledger fixtures verify; the demo's log equals $(basename "$golden")"
