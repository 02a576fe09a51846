# Exports verify forever: the Markdown minutes in tests/fixtures/exports/,
# each made by the writer version its name gives (with HTML, a javascript:
# link and Markdown in the resident's text), are still accepted by
# `verify --export` against the ledger that made them, and refused once
# altered (docs/reliability.md, "Exports verify forever").
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

F="$CONSULT_SOURCE_DIR/tests/fixtures/exports"
cp -r "$F/config" fixture-config
export CONSULT_CONFIG="$T/fixture-config/consult.toml"
found=0
for db in "$F"/minutes-md*.db; do
  [ -f "$db" ] || continue
  found=$((found + 1))
  name=$(basename "$db" .db)
  cp "$db" "$T/$name.db"
  export CONSULT_LEDGER="$T/$name.db"
  # A ledger of an earlier schema is brought up to date first, as a user's
  # would be; the events its exports name stay as they were.
  ok init
  for md in "$F/$name.md" "$F/$name-public.md"; do
    cp "$md" "$T/"
    file=$(basename "$md")
    grep -qF '[a](javascript:x)' "$file" || grep -qF '\[a\](javascript:x)' "$file" ||
      fail "$file does not hold the resident's link"
    ok verify --export "$file"
    out_has "ok: '$file'"
    sed 's/先修/后修/' "$file" >"altered-$file"
    cmp -s "$file" "altered-$file" && fail "$file: nothing to alter"
    run verify --export "altered-$file"
    expect_status 65
    err_has "does not match the ledger"
  done
done
[ "$found" -ge 1 ] || fail "no export fixtures in $F"
echo ok
