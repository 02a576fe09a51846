# consult log lists events, filters by entity, prints the head to post publicly.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue accept 1
ok log
out_has "ledger.init"
out_has "community.sync"
out_has "issue.accept"
[ "$(wc -l < "$T/out")" -eq 7 ] || fail "expected a header and 6 events"
ok log --issue 1
out_has "issue.add"
out_has "issue.accept"
out_lacks "community.sync"
ok log --entity community:heping --json
out_has '"kind":"community.sync"'
ok log --after 4 --limit 1 --json
out_has '"seq":5'
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "--limit 1"
ok log --head
head=$(cat "$T/out")
[ "$head" = "6 $(sqlite3 consult.db 'SELECT hash FROM event WHERE seq = 6')" ] || fail "head is '$head'"
# Residents' data masked in the log unless revealed; the hashes are those
# of the events as stored.
ok log --json
out_lacks "13812341234"
out_lacks "张小明"
out_has "138****1234"
[ "$(jq -r .hash "$T/out" | tr '\n' ' ')" = "$(sqlite3 consult.db 'SELECT hash FROM event ORDER BY seq' | tr '\n' ' ')" ] ||
  fail "the masked log does not carry the events' hashes"
# Revealed (and the reveal recorded), anyone can recompute the chain from it.
ok log --json --reveal
out_has "13812341234"
python3 - "$T/out" <<'PY'
import hashlib, json, sys
prev = "0" * 64
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    # The payload as the hash covers it: personal data as sealed references.
    payload = json.dumps(e["stored_payload"], ensure_ascii=False, separators=(",", ":"),
                         sort_keys=True)
    assert "13812341234" not in payload and "张小明" not in payload, e["seq"]
    fields = [e["seq"], e["at"], e["actor"], e["kind"], e["entity"], payload, e["prev_hash"]]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    assert e["prev_hash"] == prev, e["seq"]
    assert hashlib.sha256(text.encode()).hexdigest() == e["hash"], e["seq"]
    prev = e["hash"]
PY
