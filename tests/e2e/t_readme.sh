# The README's "Using it" block runs as written, on the shipped example, so
# it never goes stale.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

mkdir readme && cd readme
ln -s "$CONSULT_SOURCE_DIR/examples" examples
sed -n '/^## Using it/,/^Documentation/p' "$CONSULT_SOURCE_DIR/README.md" |
  sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' >"$T/readme.sh"
[ "$(grep -c '^consult ' "$T/readme.sh")" -ge 20 ] || fail "README usage block not found"
consult() { "$CONSULT" "$@"; }
export CONSULT_NOW="2026-11-21 10:00"
( set -e; . "$T/readme.sh" ) >"$T/out" 2>"$T/err" || fail "the README's usage block failed"
out_has "decision 1 recorded; issue 1 is decided"
out_has "ballot of 张*华"
out_has "action 1: 100% (done); issue 1 is resolved"
out_has "ok: "
