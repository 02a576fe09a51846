#!/bin/bash
# At a terminal (a pseudo-terminal, tests/e2e/pty_run.py): `consult issue add`
# without --title asks for the fields with line editing, and never when
# standard input is not a terminal; long output goes through the pager, but
# not under --json, -q or into a pipe; tables fit the terminal's width,
# Chinese counted two columns a character.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
pty() { /usr/bin/python3 "$CONSULT_SOURCE_DIR/tests/e2e/pty_run.py" "$@"; }
export CONSULT_PAGER=cat

ok init

# Asked, field by field: a label is as good as its key, a wrong one is asked again.
set +e
pty --answer "楼梯扶手松了" --answer "二楼到三楼一段" --answer "走访" --answer "不知道" \
  --answer "safety" --answer "5号楼" --answer "张小明" --answer "13812341234" \
  -- "$CONSULT" issue add --community heping > "$T/screen"
status=$?
set -e
[ "$status" -eq 0 ] || { cat "$T/screen" >&2; fail "interactive issue add exited $status"; }
grep -q "Title (required): 楼梯扶手松了" "$T/screen" || fail "no title prompt: $(cat "$T/screen")"
grep -q "'不知道' is none of these" "$T/screen" || fail "a wrong category was not asked again"
grep -qx "1" "$T/screen" || fail "the new issue's id was not printed"
ok issue show 1
out_has "楼梯扶手松了"
out_has "走访"
out_has "安全"
out_has "5号楼"
out_has "张*明"

# What the command line gives is not asked for.
pty --answer "路灯不亮" --answer "" --answer "" --answer "" --answer "" --answer "" \
  -- "$CONSULT" issue add --channel visit --category safety > "$T/screen"
! grep -q "Channel" "$T/screen" || fail "asked for a channel given as an option"
ok issue show 2
out_has "路灯不亮"

# Ctrl-D gives up, and nothing is recorded.
before=$(snapshot)
set +e
pty --answer "^D" -- "$CONSULT" issue add > "$T/screen"
status=$?
set -e
[ "$status" -eq 64 ] || fail "Ctrl-D: exit $status"
grep -q "cancelled; nothing was recorded" "$T/screen" || fail "Ctrl-D: $(cat "$T/screen")"
[ "$(snapshot)" = "$before" ] || fail "Ctrl-D changed the ledger"

# Not a terminal: never asked; a clear error instead.
run issue add
expect_status 64
err_has "--title is required"
[ "$(snapshot)" = "$before" ] || fail "a refused issue add changed the ledger"

# The pager: at a terminal, for what reads the ledger.
ok issue add --title "$(printf '很长的标题%.0s' $(seq 1 30))" --place "$(printf '三号楼%.0s' $(seq 1 10))"
CONSULT_PAGER="tee '$T/paged' > /dev/null" pty -- "$CONSULT" issue list > "$T/screen"
grep -q "楼梯扶手松了" "$T/paged" 2>/dev/null || fail "issue list at a terminal did not go through the pager"
rm -f "$T/paged"
CONSULT_PAGER="tee '$T/paged' > /dev/null" pty -- "$CONSULT" --json issue list > "$T/screen"
[ ! -e "$T/paged" ] || fail "--json went through the pager"
CONSULT_PAGER="tee '$T/paged' > /dev/null" "$CONSULT" issue list > "$T/piped"
[ ! -e "$T/paged" ] || fail "a pipe went through the pager"
CONSULT_PAGER=no-such-pager pty -- "$CONSULT" issue list > "$T/screen"
grep -q "楼梯扶手松了" "$T/screen" || fail "a pager that is not installed swallowed the output"
CONSULT_PAGER="tee '$T/paged' > /dev/null" pty -- "$CONSULT" issue add --title "写入命令" > "$T/screen"
[ ! -e "$T/paged" ] || fail "a writing command went through the pager"

# Tables fit the terminal (pty_run sets 100 columns), by display width.
pty -- "$CONSULT" issue list > "$T/screen"
grep -q "很长的标题" "$T/screen" || fail "the long title is not listed"
/usr/bin/python3 - "$T/screen" <<'PYEOF' || fail "a line wider than the terminal: $(cat "$T/screen")"
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    if width > 100:
        sys.exit(1)
PYEOF
# For scripts, nothing is cut.
"$CONSULT" --json issue list > "$T/json"
grep -q "$(printf '很长的标题%.0s' $(seq 1 30))" "$T/json" || fail "--json got a cut title"
echo ok

# What residents wrote cannot steer the terminal: an escape sequence that
# would retitle the window and a right-to-left override come out visible.
ok issue add --community heping --title "$(printf '\033]0;hacked\007楼道灯\342\200\256坏了')" \
  --raised-on 2026-11-20
id=$(cat "$T/out")
pty -- "$CONSULT" issue show "$id" > "$T/screen" || fail "issue show at a terminal failed"
! grep -q "$(printf '\033]0')" "$T/screen" || fail "an escape sequence reached the terminal"
! grep -q "$(printf '\342\200\256')" "$T/screen" || fail "a bidi override reached the terminal"
grep -qF '楼道灯<U+202E>坏了' "$T/screen" || fail "the title is not shown safely: $(cat "$T/screen")"
# A pipe still gets the bytes as stored.
ok issue show "$id" --json
grep -qF "$(printf '楼道灯\342\200\256坏了')" "$T/out" || fail "the JSON lost the stored text"
