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
ok log --json
python3 - "$T/out" <<'PY'
import hashlib, json, sys
prev = "0" * 64
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    payload = json.dumps(e["payload"], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    fields = [e["seq"], e["at"], e["actor"], e["kind"], e["entity"], payload, e["prev_hash"]]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    assert e["prev_hash"] == prev, e["seq"]
    assert hashlib.sha256(text.encode()).hexdigest() == e["hash"], e["seq"]
    prev = e["hash"]
PY
