# consult report on the demo's ledger: the table, JSON and CSV agree, and
# the figures match what the demo did.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

DEMO_DIR="$T/demo" sh "$CONSULT_SOURCE_DIR/examples/demo.sh" "$CONSULT" >/dev/null 2>&1 ||
  fail "demo failed"
export CONSULT_LEDGER="$T/demo/consult.db"
export CONSULT_NOW="2027-01-11 09:00"

ok report --period 2026-11-01..2027-01-31 --json
jq -e '.meetings_held == 1 and .decided == 3 and .resolved == 1 and .closed == 1
  and .votes_held == 2 and .votes_passed == 2 and .satisfaction == "5.0"
  and .raised_by_channel["suggestion-box"] >= 1' "$T/out" >/dev/null ||
  fail "report figures differ from the demo's"
ok report --period 2026-11-01..2027-01-31
out_match "^meetings held +1$"
out_match "^votes passed +2$"
ok report --period 2026-11-01..2027-01-31 --by month --format csv
[ "$(grep -c . "$T/out")" = 4 ] || fail "by month: a header and three months"
out_has "2026-12,1,"
ok report --all --period 2026 --by community --format table
out_match "^heping +1 "
run report --community nosuch --period 2026
expect_status 64
err_has "community 'nosuch' is not in the ledger"
err_has "communities in the ledger: heping"
run report --period 2026-13
expect_status 64
err_has "is not a period"
