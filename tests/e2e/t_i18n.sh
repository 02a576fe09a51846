#!/bin/bash
# The Chinese interface. The catalogue (po/zh_CN.po) translates every message
# the sources mark, checked against the messages extracted afresh; every file
# that marks messages is extracted. Then the end-to-end suite's key commands
# run under zh_CN.UTF-8 (whether or not that locale is installed), LANGUAGE
# and --lang zh: their output and errors must carry no message of the
# catalogue left in English. The same commands under C.UTF-8 stay English.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"
src=$CONSULT_SOURCE_DIR

# Every file that marks messages is in po/POTFILES.in.
(cd "$src" && grep -rlE '\b_\("|N_\("' lib cmd --include='*.cpp' --include='*.hpp' | grep -v 'consult/i18n.hpp' | sort) > "$T/marked"
sort "$src/po/POTFILES.in" > "$T/listed"
comm -23 "$T/marked" "$T/listed" > "$T/unlisted"
[ ! -s "$T/unlisted" ] || fail "files with messages missing from po/POTFILES.in: $(cat "$T/unlisted")"

# The catalogue translates every message extracted now, and nothing is fuzzy.
(cd "$src" && xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=N_ \
  --files-from=po/POTFILES.in --output="$T/fresh.pot")
msgcmp "$src/po/zh_CN.po" "$T/fresh.pot" 2> "$T/msgcmp" ||
  fail "po/zh_CN.po lacks translations: $(head -5 "$T/msgcmp")"
msgfmt --check --statistics -o /dev/null "$src/po/zh_CN.po" 2> "$T/stats"
grep -qE 'fuzzy|untranslated' "$T/stats" && fail "po/zh_CN.po: $(cat "$T/stats")"

# The English message fragments a translated output must not contain: each
# msgid's text between its placeholders, where long enough to mean something
# and not also in its translation (command names, file names and keys are).
/usr/bin/python3 - "$src/po/zh_CN.po" > "$T/english" <<'PYEOF'
import re, sys
def entries(path):
    out, cur, field = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("msgid "):
            cur = {"id": "", "str": ""}; out.append(cur); field = "id"; line = line[6:]
        elif line.startswith("msgstr "):
            field = "str"; line = line[7:]
        elif not line.startswith('"'):
            continue
        text = line[1:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        cur[field] += text
    return [e for e in out if e["id"]]
for e in entries(sys.argv[1]):
    for piece in re.split(r"\{[^{}]*\}|\n", e["id"]):
        piece = piece.strip(" :;,.()'\"")
        if len(piece) >= 12 and " " in piece and piece not in e["str"]:
            print(piece)
PYEOF
[ "$(wc -l < "$T/english")" -ge 500 ] || fail "too few English fragments to look for"

# The key commands of the suite, with their output and errors kept.
key_commands() {
  "$CONSULT" init
  "$CONSULT" community show heping
  "$CONSULT" import "$src/examples/suggestion-box.xlsx" --community heping --channel suggestion-box
  "$CONSULT" issue add --community heping --title "3号楼屋顶漏水" --raised-by 张小明 --stakeholder 物业公司
  "$CONSULT" issue accept 7
  "$CONSULT" issue consult 7
  "$CONSULT" issue comment 7 "先请物业查漏点" --by 赵德明
  "$CONSULT" issue list
  "$CONSULT" issue show 7
  "$CONSULT" meeting plan --community heping --kind council --at "2026-12-02 19:30" --until 21:00 --auto-agenda
  "$CONSULT" meeting attend 1 --present 王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋 --excused 冯国平=出差
  "$CONSULT" vote open --meeting 1 --issue 7 --question "由物业维修" --method show-of-hands
  "$CONSULT" vote tally 1 --count yes=6,no=0,abstain=1
  "$CONSULT" vote close 1
  "$CONSULT" meeting close 1
  "$CONSULT" meeting show 1
  "$CONSULT" minutes export 1 --format md
  "$CONSULT" notice decision 1 --format md
  "$CONSULT" report --period 2026
  "$CONSULT" agenda --week next --all
  "$CONSULT" verify
  "$CONSULT" issue show 99               # errors, with their hints
  "$CONSULT" issue accept 7
  "$CONSULT" import missing.csv --community heping
  "$CONSULT" vote open --issue 1 --question x
  "$CONSULT" --help
  "$CONSULT" issue --help
  "$CONSULT" meeting plan --help
}
run_all() { # NAME, then the environment to run in
  local name=$1; shift
  rm -f "$CONSULT_LEDGER"
  (export "$@"; key_commands) > "$T/$name.out" 2>&1 || true
}

unset LC_ALL LANG LANGUAGE
run_all locale LANG=zh_CN.UTF-8
run_all language LC_ALL=C.UTF-8 LANGUAGE=zh_CN
run_all english LC_ALL=C.UTF-8
for name in locale language; do
  out="$T/$name.out"
  grep -q "议题 7：已收集 → 已受理" "$out" || fail "$name: not in Chinese: $(head -20 "$out")"
  grep -q "错误: 议题 99 不存在" "$out" || fail "$name: errors not in Chinese"
  grep -q "提示: " "$out" || fail "$name: hints not in Chinese"
  grep -qF -f "$T/english" "$out" && {
    grep -oF -f "$T/english" "$out" | sort -u | head -10 >&2
    fail "$name: English messages in the Chinese interface (above)"
  }
done
# Hashes differ between runs (each event covers salted references to its
# personal data, and salts are random): compared without them.
for name in locale language; do
  sed -E 's/[0-9a-f]{12,64}/(hash)/g' "$T/$name.out" >"$T/$name.cmp"
done
cmp -s "$T/locale.cmp" "$T/language.cmp" || {
  diff "$T/locale.cmp" "$T/language.cmp" | head -10 >&2
  fail "zh_CN.UTF-8 and LANGUAGE=zh_CN differ"
}
grep -q "issue 7: collected → accepted" "$T/english.out" || fail "English is not English"
! grep -q "已受理" "$T/english.out" || fail "Chinese in the English interface"

# --lang zh on the command line, whatever the environment says.
LC_ALL=C.UTF-8 "$CONSULT" --lang zh issue show 99 > "$T/out" 2> "$T/err" || true
grep -q "错误: 议题 99 不存在" "$T/err" || fail "--lang zh: $(cat "$T/err")"
LC_ALL=C "$CONSULT" --lang zh issue show 99 > "$T/out" 2> "$T/err" || true
grep -q "错误: 议题 99 不存在" "$T/err" || fail "--lang zh under LC_ALL=C: $(cat "$T/err")"
LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$CONSULT" --lang en issue show 99 > "$T/out" 2> "$T/err" || true
grep -q "error: issue 99 does not exist" "$T/err" || fail "--lang en: $(cat "$T/err")"
echo ok
