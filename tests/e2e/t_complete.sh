#!/bin/bash
# Shell completion: `consult __complete` gives commands, options, community
# ids and channel keys from the configuration, issue and meeting ids from the
# ledger, and ":files" where a file is wanted; the bash, zsh and fish scripts
# in completions/ turn that into their shell's candidates.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
ok issue add --title "楼道灯不亮" --channel suggestion-box
ok issue add --title "停车难"
ok meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00

complete_out() { "$CONSULT" __complete "$@" > "$T/cands" 2> "$T/cands.err"; }
has() { cut -f1 "$T/cands" | grep -qx -- "$1" || { cat "$T/cands" >&2; fail "no candidate '$1' for: $2"; }; }
only() { [ "$(cut -f1 "$T/cands" | tr '\n' ' ')" = "$1" ] || { cat "$T/cands" >&2; fail "candidates for $2: want '$1'"; }; }

complete_out ""; has issue "top level"; has meeting "top level"; has import "top level"
complete_out issue ac; only "accept " "issue ac"
complete_out issue add --community ""; only "heping " "--community"
grep -q $'^heping\t和平里社区$' "$T/cands" || fail "the community's name as its description"
complete_out issue show ""; only "2 1 " "issue show"
grep -q $'^1\t楼道灯不亮$' "$T/cands" || fail "the issue's title as its description"
complete_out meeting show ""; only "1 " "meeting show"
complete_out minutes export ""; only "1 " "minutes export MEETING"
complete_out issue add --channel sugg; only "suggestion-box " "--channel"
complete_out issue add --ti; only "--title " "--ti"
complete_out --json issue add --ph; only "--phone " "after a global option"
complete_out import ""; only ":files " "import FILE"
complete_out import x.csv --map ""; only ":files " "--map"
# A ledger elsewhere (--ledger before the command) is the one read; a missing
# one, a broken config or nonsense gives nothing, and never an error.
cp consult.db other.db
ok issue add --title "只在这里"
complete_out --ledger other.db issue show ""; only "2 1 " "--ledger other.db"
complete_out --ledger missing.db issue show ""; only "" "a missing ledger"
[ ! -e missing.db ] || fail "completion created a ledger"
CONSULT_CONFIG=/nonexistent complete_out issue add --community ""; only "" "no config"
complete_out no such words --at all; only "" "nonsense"
[ ! -s "$T/cands.err" ] || fail "completion wrote to stderr: $(cat "$T/cands.err")"

# bash: the function fills COMPREPLY.
bash -c '
  . "$1/completions/consult.bash"
  COMP_WORDS=("$2" issue sh); COMP_CWORD=2; _consult; echo "${COMPREPLY[*]}"
  COMP_WORDS=("$2" issue show ""); COMP_CWORD=3; _consult; echo "${COMPREPLY[*]}"
' _ "$CONSULT_SOURCE_DIR" "$CONSULT" > "$T/bash.out"
[ "$(cat "$T/bash.out")" = "$(printf 'show\n3 2 1')" ] || fail "bash: $(cat "$T/bash.out")"

# zsh: _describe and _files stand in for the completion system's own.
if command -v zsh > /dev/null; then
  zsh -f -c '
    _describe() { print -rl -- "${(@P)${@[-1]}}"; }
    _files() { print -r -- FILES; }
    words=("$2" issue show ""); CURRENT=4; . "$1/completions/_consult"
    words=("$2" import ""); CURRENT=3; . "$1/completions/_consult"
  ' _ "$CONSULT_SOURCE_DIR" "$CONSULT" > "$T/zsh.out"
  [ "$(cat "$T/zsh.out")" = "$(printf '3:只在这里\n2:停车难\n1:楼道灯不亮\nFILES')" ] ||
    fail "zsh: $(cat "$T/zsh.out")"
else
  fail "zsh is not installed (make deps installs it)"
fi

# fish: its own completion machinery, asked as the shell asks it.
if command -v fish > /dev/null; then
  mkdir -p "$T/bin"; ln -s "$CONSULT" "$T/bin/consult"
  PATH="$T/bin:$PATH" fish -N -c "source '$CONSULT_SOURCE_DIR/completions/consult.fish'; complete -C 'consult issue sh'; complete -C 'consult issue add --community '" > "$T/fish.out"
  grep -q $'^show\t' "$T/fish.out" || fail "fish: $(cat "$T/fish.out")"
  grep -q $'^heping\t和平里社区' "$T/fish.out" || fail "fish: $(cat "$T/fish.out")"
else
  fail "fish is not installed (make deps installs it)"
fi
echo ok
