# `make demo` runs examples/demo.sh: it must work on the shipped example.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >"$T/out" 2>"$T/err" ||
  fail "demo failed"
out_has "created ledger"
out_has "3号楼屋顶漏水"
out_has "ok: "
out_has "quorate (1 by proxy)"
out_has "closed; "
out_has "index.html"
[ -s "$T/demo/agenda/heping.ics" ] || fail "demo wrote no calendar feed"
out_has "decision 3 recorded; issue 7 is decided"
out_has "owners 17 of 19 agree (89.5%) meets > 1/2 (matter 5 of art. 278)"
out_has "issue 7: resolved → closed"
out_has "minutes of meeting 1 written to"
out_has "is the public docx of minutes 1"
[ -s "$T/demo/notice-decision-3.html" ] || fail "demo wrote no notice"
