#!/bin/bash
# Books per body (docs/minutes.md, "The account books"): building 7's group
# (楼组, the body `building-7` of examples/communities/heping.toml) keeps its
# own account book beside the community's; a donation in kind (实物捐赠) is
# listed in its own section and never counts as cash; an expense that would
# leave a book below zero is refused unless it was advanced (垫付), and a
# balance below zero is always shown, marked. Every figure worked by hand.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

export CONSULT_NOW="2026-11-30 18:00"
ok init

# The community's own book: 1,000.00 from the street office.
ok fund add --kind income --amount 1000 --party 和平街道办事处 --named --purpose 专项补助 \
  --date 2026-11-02
# Building 7's book:
#   11-03 income   500.00  residents' contributions          balance 500.00
#   11-10 expense  320.00  flower boxes                       balance 180.00  (500 − 320)
#   11-12 in kind  30 本, estimated 300.00                    balance 180.00  (not cash)
ok fund add --book building-7 --kind income --amount 500 --party 7号楼居民 --named \
  --purpose 楼组居民自筹 --date 2026-11-03
out_is "entry 2: income 500.00 yuan; balance of 7号楼楼组 500.00 yuan"
ok fund add --book building-7 --kind expense --amount 320 --party 某某花卉店 --named \
  --purpose 楼道花箱 --date 2026-11-10
out_is "entry 3: expense 320.00 yuan; balance of 7号楼楼组 180.00 yuan"
ok fund add --book building-7 --kind income --in-kind 30 --unit 本 --value 300 --party 某某书店 \
  --named --purpose 儿童图书角 --date 2026-11-12
out_is "entry 4: income in kind, 30 本; cash balance of 7号楼楼组 180.00 yuan"

ok fund balance --book building-7 --json
jq -e '.book == "building-7" and .income == "500.00" and .expense == "320.00" and
  .balance == "180.00"' "$T/out" >/dev/null || fail "building 7's balance: $(cat "$T/out")"
# The community's own book is unaffected: 1,000.00, nothing of building 7's.
ok fund balance --json
jq -e '.book == "heping" and .income == "1,000.00" and .expense == "0.00" and
  .balance == "1,000.00"' "$T/out" >/dev/null || fail "the community's balance: $(cat "$T/out")"
ok fund list --json
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "the community's book lists another book's entries"
ok fund list --book building-7 --json
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "building 7's book does not list its 3 entries"
jq -se '.[2].quantity == "30" and .[2].unit == "本" and .[2].book == "building-7"' "$T/out" \
  >/dev/null || fail "the entry in kind: $(cat "$T/out")"
ok fund list --book building-7
out_has "30 本 (about 300.00)"

# The public statement of building 7's book: headed with its name, its own
# balance, the books in their own section, signed by the building group.
ok fund notice --book building-7 --period 2026-11 --format md --out b7.md
grep -qF "# 7号楼楼组: statement of its account book, 2026-11" b7.md || fail "not headed by the group"
grep -qF -- "- **Carried forward**: 180.00" b7.md || fail "building 7's balance is not 180.00"
grep -qF "| 4 | 2026-11-12 | income | 某某书店 | 儿童图书角 | 30 本 | 300.00 |" b7.md ||
  fail "the donated books are not listed in kind"
grep -qF "In kind (not in the cash balance)" b7.md || fail "no section for entries in kind"
grep -qF "7号楼楼组：________________" b7.md || fail "not signed by the group"
grep -qF "raise questions with 7号楼楼组." b7.md || fail "questions not sent to the group"
! grep -qF "1,000.00" b7.md || fail "the community's money is in building 7's statement"
ok verify --export b7.md
ok fund notice --period 2026-11 --format md --out heping.md
grep -qF -- "- **Carried forward**: 1,000.00" heping.md || fail "the community's statement changed"
! grep -qF "花箱" heping.md || fail "building 7's expense is in the community's statement"

# 11-20: a 300.00 repair of the door bell. 180.00 − 300.00 = −120.00: refused,
# the ledger unchanged (verify and the file's checksum before and after).
ok verify
before=$(snapshot)
sum_before=$(sha256sum "$CONSULT_LEDGER" | cut -d' ' -f1)
run fund add --book building-7 --kind expense --amount 300 --party 赵德明 --purpose 单元门铃维修 \
  --date 2026-11-20
expect_status 65
err_has "would leave the book of 7号楼楼组 at -120.00 yuan on 2026-11-20"
err_has "--advance"
[ "$(snapshot)" = "$before" ] || fail "a refused expense changed the ledger"
[ "$(sha256sum "$CONSULT_LEDGER" | cut -d' ' -f1)" = "$sum_before" ] ||
  fail "a refused expense changed the ledger file"
ok verify
# Backdated before the flower boxes it is refused too: on 11-05 the book had
# 500.00, but on 11-10 it would be 500 − 300 − 320 = −120.00.
run fund add --book building-7 --kind expense --amount 300 --party 赵德明 --purpose 单元门铃维修 \
  --date 2026-11-05
expect_status 65
err_has "at -120.00 yuan on 2026-11-10"
# The group's head advanced the money (垫付): recorded, the balance −120.00.
ok fund add --book building-7 --kind expense --amount 300 --party 赵德明 --purpose 单元门铃维修 \
  --date 2026-11-20 --advance
out_is "entry 5: expense 300.00 yuan; balance of 7号楼楼组 -120.00 yuan"
ok fund notice --book building-7 --period 2026-11 --format md --out b7-advance.md
grep -qF -- "- **Carried forward**: -120.00 (advanced)" b7-advance.md ||
  fail "the balance below zero is not marked"
grep -qF "单元门铃维修 (advanced)" b7-advance.md || fail "the advanced expense is not marked"
! grep -qF "赵德明" b7-advance.md || fail "the resident who advanced is not masked"
ok verify --export b7-advance.md
ok fund notice --book building-7 --period 2026-11 --format json --out b7.json
jq -e '.book == "building-7" and .carried_forward == "-120.00" and (.in_kind | length) == 1
  and .in_kind[0].estimated_value == "300.00" and .entries[-1].advance == true' b7.json \
  >/dev/null || fail "the JSON statement: $(cat b7.json)"
ok verify --export b7.json
# In Chinese: 结转 -120.00（垫付）.
ok --lang zh fund notice --book building-7 --period 2026-11 --format md \
  --out b7-zh.md
grep -qF -- "-120.00（垫付）" b7-zh.md || fail "the Chinese statement does not mark the advance"

# The in-kind entry reversed, as money is: the books leave the statement's
# section as a correction, the cash balance does not move.
ok fund reverse 4 --reason "重复登记" --community heping
ok fund balance --book building-7 --json
jq -e '.balance == "-120.00"' "$T/out" >/dev/null || fail "reversing goods moved the cash"

# An unknown book is refused, naming the books there are.
run fund add --book building-9 --kind income --amount 10 --party x --purpose y
expect_status 64
err_has "building-9"
err_has "heping, council, building-7, owners-committee, owners-assembly, residents-meeting"
run fund balance --book nobody
expect_status 64
# Goods need a unit; money and goods are not one entry.
run fund add --book building-7 --kind income --in-kind 3 --party x --purpose y
expect_status 64
run fund add --book building-7 --kind income --in-kind 3 --unit 本 --amount 5 --party x --purpose y
expect_status 64
ok verify
echo ok
