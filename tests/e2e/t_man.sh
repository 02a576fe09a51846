#!/bin/bash
# The manual pages the build writes (build/man/): each renders without a
# groff warning; consult(1) names every command group `consult --help`
# lists; each group's page carries every command and every option its
# `--help` shows (they are written from the same command tree); and
# consult.toml(5), from docs/configuration.md, has its keys.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

man_dir="$(cd "$(dirname "$CONSULT")/.." && pwd)/man"
[ -f "$man_dir/consult.1" ] || fail "no consult.1 in $man_dir"

for page in "$man_dir"/*.1 "$man_dir"/*.5; do
  groff -k -t -man -Tutf8 -ww -z "$page" 2> "$T/groff.err"
  [ ! -s "$T/groff.err" ] || fail "$(basename "$page"): $(head -3 "$T/groff.err")"
done

# The roff source with its escaped hyphens plain, for searching.
plain() { sed 's/\\-/-/g' "$man_dir/$1"; }

# Sections of a CLI11 help text: the first word of each line under HEADING.
listed() { awk -v h="$1:" '$0 == h { on = 1; next } /^[^ ]/ { on = 0 } on && NF { print $1 }'; }

run --help; expect_status 0
groups=$(listed Commands < "$T/out")
[ -n "$groups" ] || fail "no command groups in consult --help"
for g in $groups; do
  [ -f "$man_dir/consult-$g.1" ] || fail "no page consult-$g.1"
  plain consult.1 | grep -q "^\.BR consult-$g (1)" || fail "consult(1) does not name consult-$g(1)"
  "$CONSULT" "$g" --help > "$T/help"
  subs=$(listed Commands < "$T/help")
  for s in ${subs:-""}; do
    if [ -n "$s" ]; then
      "$CONSULT" "$g" "$s" --help > "$T/help"
      plain "consult-$g.1" | grep -q "^\.SS \"consult $g $s\"" || fail "consult-$g(1) lacks '$g $s'"
    fi
    for opt in $(grep -oE -- '--[a-z][a-z0-9-]*' "$T/help" | sort -u); do
      [ "$opt" = --help ] && continue
      plain "consult-$g.1" | grep -qF -- "\\fB$opt\\fR" ||
        plain consult.1 | grep -qF -- "\\fB$opt\\fR" ||
        fail "no $opt of 'consult $g $s' in consult-$g(1)"
    done
  done
done

# Global options are in consult(1).
for opt in --ledger --config --as --now --json --quiet; do
  plain consult.1 | grep -qF -- "\\fB$opt\\fR" || fail "consult(1) lacks $opt"
done
plain consult.1 | grep -q "78 configuration error" || fail "consult(1) lacks the exit status"

# consult.toml(5): the keys of docs/configuration.md, rendered.
MANWIDTH=100 man -l "$man_dir/consult.toml.5" > "$T/toml5" 2>/dev/null
for key in communities notice_days quorum_inclusive threshold_of require_present days_of_month; do
  grep -q "$key" "$T/toml5" || fail "consult.toml(5) lacks $key"
done
echo ok
