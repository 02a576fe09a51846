# cmd/ parses, calls and renders: no SQL text and no raw connection there
# (the library answers every question), and one JSON shape per entity.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

src="$CONSULT_SOURCE_DIR/cmd"
if grep -rnE '"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE TABLE)\b' "$src" >&2; then
  fail "SQL text under cmd/ (give it a library function)"
fi
if grep -rnE '\.db\(\)|SQLite::(Database|Statement)' "$src" >&2; then
  fail "cmd/ uses the raw connection (give it a library function)"
fi

# meeting list and meeting show agree: `items` is the agenda, the list
# counts it under `item_count`.
seed
ok issue accept 1
ok issue accept 2
ok meeting plan --community heping --kind council --at "2026-12-09 19:30" --issue 1,2
ok meeting list --json
jq -e '.item_count == 2 and (has("items") | not)' "$T/out" >/dev/null ||
  fail "meeting list --json: $(cat "$T/out")"
ok meeting show 1 --json
jq -e '(.items | length) == 2 and (has("item_count") | not)' "$T/out" >/dev/null ||
  fail "meeting show --json"
