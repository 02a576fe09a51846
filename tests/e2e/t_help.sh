# Every command level has --help with a real example; --version works.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok --help
out_has "Example:"
out_has "Exit status"
ok --version
out_has "consult 0."

for cmd in init "community" "community list" "community show" issue "issue add" "issue list" \
  "issue show" "issue accept" "issue reject" "issue merge" "issue consult" "issue comment" \
  "issue escalate" "issue decide" "issue implement" "issue resolve" "issue close" log verify \
  doctor import "issue priority" meeting "meeting plan" "meeting list" "meeting show" \
  "meeting cancel" "meeting reschedule" "meeting attend" "meeting note" "meeting outcome" \
  "meeting close" "meeting export" agenda owners "owners import" "owners list" vote \
  "vote open" "vote cast" "vote tally" "vote extend" "vote close" "vote show" "vote list" \
  decision "decision list" "decision show" action "action add" "action progress" \
  "action done" "action show" "action list" "action overdue" "issue feedback" "issue answer" minutes "minutes export" "minutes approve" \
  "minutes amend" "minutes show" notice "notice decision" "notice results" fund "fund add" \
  "fund reverse" "fund list" "fund balance" "fund notice" report key "key init" checkpoint; do
  # shellcheck disable=SC2086
  ok $cmd --help
  out_has "Example:"
  out_has "consult"
  # Every command is documented in docs/.
  name=$(echo "$cmd" | sed 's/ /\\s+/g')
  grep -rqE "consult\s+$name" "$CONSULT_SOURCE_DIR/docs" || fail "'consult $cmd' is not documented in docs/"
done

# Usage errors are 64 with one message shape.
run issue frobnicate
expect_status 64
err_has "consult: error:"
run
expect_status 64
run issue add --community heping
expect_status 64
err_has "--title"
