#!/bin/bash
# The guided tour (docs/tour.md) and its Chinese version (docs/tour.zh.md)
# run block by block, as a reader would, from a copy of the source tree's
# layout: every command in them works, so the tour never goes stale.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
unset CONSULT_CONFIG CONSULT_LEDGER CONSULT_NOW CONSULT_ACTOR

for doc in ${TOUR_DOCS:-tour.md tour.zh.md}; do
  dir="$T/${doc%.md}"
  mkdir -p "$dir/build/cmd"
  ln -s "$CONSULT" "$dir/build/cmd/consult"
  ln -s "$CONSULT_SOURCE_DIR/examples" "$dir/examples"
  sed -n '/^```sh$/,/^```$/p' "$CONSULT_SOURCE_DIR/docs/$doc" | sed '/^```/d' > "$T/$doc.sh"
  [ "$(grep -c '^consult ' "$T/$doc.sh")" -ge 30 ] || fail "$doc: the tour's commands not found"
  (cd "$dir" && bash -e "$T/$doc.sh") > "$T/out" 2> "$T/err" || fail "$doc: a command of the tour failed"
  out_has "issue 7"
  out_has "decision 1"
  out_has "ok: "
  [ -s "$dir/minutes-1.html" ] || fail "$doc: no minutes"
  [ -s "$dir/公示-会议1.docx" ] || fail "$doc: no public minutes"
  [ -s "$dir/公示-决定1.html" ] || fail "$doc: no notice"
  ls "$dir/agenda"/*.ics > /dev/null 2>&1 || fail "$doc: no agenda calendar"
  # The building group's meeting: the figures the tour states.
  out_has "issue 8: collected → accepted"
  out_has "meeting 2: 15 of 24 entitled present; needs > 1/2 = 13; quorate"
  out_has "vote 2: approved: 12 of 15 present agree; needs > 1/2 = 8"
  CONSULT_CONFIG="$dir/examples/consult.toml" CONSULT_LEDGER="$dir/tour.db" \
    CONSULT_NOW="2026-12-27 20:10" ok notice decision 2 --format md
  out_has "7号楼楼组"
done
# Both tours are the same commands.
diff <(grep '^consult ' "$T/tour.md.sh") <(grep '^consult ' "$T/tour.zh.md.sh") > "$T/diff" ||
  fail "the Chinese tour's commands differ: $(cat "$T/diff")"
echo ok
