# Witnesses of the chain. Someone holding the ledger's file can rewrite an
# event and recompute every later hash and the head, or delete the last
# events: `consult verify` still passes (shown here, with an independent
# Python script that knows only docs/schema.md). What was held outside the
# file catches it: a signed checkpoint, an export, a notice, an agenda, a
# backup, a posted `SEQ HASH` line — `consult verify --witness` names the
# event and the file. A checkpoint altered after it was signed is refused,
# and so is a private key that others may read.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ADVERSARY="/usr/bin/python3 $CONSULT_SOURCE_DIR/tests/e2e/adversary.py"
mkdir held # what the street office, the notice board and the backup disk keep

# seq_of FILE: the event a witness holds, as verify --witness --json reads it.
seq_of() {
  run verify --witness "$1" --json
  jq -r '.witnesses[0].seq' "$T/out"
}

ok init
ok log --head
cp "$T/out" held/before.txt # posted before anything was recorded

# No key yet: a checkpoint is refused, naming the fix.
run checkpoint
expect_status 78
err_has "has no public key"
err_has "consult key init"

# The key: private half beside the community file, mode 0600; the public half
# added to the community file as one line, every other byte kept.
cp communities/heping.toml "$T/heping.toml.orig"
ok key init --community heping
out_has "communities/heping.key"
[ "$(stat -c %a communities/heping.key)" = 600 ] || fail "the private key is not mode 0600"
grep -q "BEGIN PRIVATE KEY" communities/heping.key || fail "the private key is not PEM"
diff "$T/heping.toml.orig" communities/heping.toml > "$T/toml.diff" && fail "the community file is unchanged"
[ "$(grep -c '^[<>]' "$T/toml.diff")" = 1 ] || fail "more than one line changed: $(cat "$T/toml.diff")"
grep -qE '^> public_key = "ed25519:[A-Za-z0-9+/]{43}="$' "$T/toml.diff" ||
  fail "the added line is not a public key: $(cat "$T/toml.diff")"
ok community show heping # the file still loads
run key init
expect_status 73
err_has "has a public key already"
ok key init --print --key "$T/other.key" --force
out_match '^public_key = "ed25519:'
cp "$T/out" "$T/out-other"
grep -qF "$(tail -1 "$T/out")" communities/heping.toml && fail "--print wrote the community file"
cp "$T/heping.toml.orig" communities/heping.toml
rm communities/heping.key
ok key init
pubkey=$(grep '^public_key' communities/heping.toml)

# A key file others may read is refused.
cp communities/heping.key loose.key
chmod 644 loose.key
run checkpoint --key loose.key
expect_status 78
err_has "may be read by others"
err_has "chmod 600"
# A key that is not the community's is refused too.
run checkpoint --key "$T/other.key"
expect_status 78
err_has "is not community 'heping''s"

# Work, and witnesses taken along the way.
ok issue add --community heping --title "3号楼屋顶漏水" --channel suggestion-box \
  --category facility-repair --place "3号楼" --raised-by 张小明 --raised-on 2026-11-12
edited=$(sqlite3 "$CONSULT_LEDGER" "SELECT seq FROM event WHERE kind = 'issue.add'")
ok issue add --community heping --title "希望开放儿童活动室" --channel reception-day \
  --category children --raised-by 李娜 --raised-on 2026-11-06
ok issue accept 1
ok issue accept 2

events=$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event")
ok checkpoint --out held/checkpoint-1.txt
out_has "written to 'held/checkpoint-1.txt'"
[ "$(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event")" = "$events" ] ||
  fail "a checkpoint appended an event"
head -1 held/checkpoint-1.txt | grep -qx "consult checkpoint 1" || fail "checkpoint header"
for field in community name event hash at key signature; do
  grep -qE "^$field: ." held/checkpoint-1.txt || fail "the checkpoint lacks '$field'"
done
grep -qx "event: $events" held/checkpoint-1.txt || fail "the checkpoint is not of the head"
grep -qx "at: 2026-11-21T10:00:00+08:00" held/checkpoint-1.txt || fail "the checkpoint's time"
grep -qx "key: $(echo "$pubkey" | sed 's/.*"\(.*\)"/\1/')" held/checkpoint-1.txt ||
  fail "the checkpoint names another key"
ok checkpoint
cmp -s "$T/out" held/checkpoint-1.txt || fail "checkpoint to stdout differs from --out"

export CONSULT_NOW="2026-11-27 17:00" # a Friday: next week's agendas
ok agenda --week next --all --out-dir board
council=board/2026-12-02-heping-council-2
grep -qF "as recorded in ledger event" "$council.md" || fail "agenda footer"
grep -qF "consult-agenda:" "$council.md" || fail "the Markdown agenda carries no stamp"
jq -e '.updated_hash | test("^[0-9a-f]{64}$")' "$council.json" >/dev/null ||
  fail "the JSON agenda carries no hash"
cp "$council.md" "$council.html" "$council.json" held/
ok minutes export 2 --format docx --out held/minutes-2.docx
ok minutes export 2 --format md --public --out held/minutes-2.md
ok notice results --period 2026-11 --format html --out held/notice-2026-11.html
ok backup held/backup-1.db
ok issue comment 1 "先请物业查漏点" --by 赵德明
ok issue comment 2 "周六上午开放" --by 王建国
export CONSULT_NOW="2026-11-28 09:00"
ok checkpoint --out held/checkpoint-2.txt
ok log --head
cp "$T/out" held/head.txt
printf '# posted on the board\n' > held/posted.txt
ok log --json --limit 3
cat "$T/out" >> held/posted.txt

witnesses="held/checkpoint-1.txt held/2026-12-02-heping-council-2.md
  held/2026-12-02-heping-council-2.html held/2026-12-02-heping-council-2.json
  held/minutes-2.docx held/minutes-2.md held/notice-2026-11.html held/backup-1.db
  held/checkpoint-2.txt held/head.txt"

# Everything agrees with the ledger as it is.
# shellcheck disable=SC2086
ok verify --witness held/before.txt held/posted.txt $witnesses
out_has "ok: $(sqlite3 "$CONSULT_LEDGER" "SELECT count(*) FROM event") events, chain intact"
[ "$(grep -c "the ledger agrees$" "$T/out")" = 14 ] || fail "not every witnessed point was reported"
out_has "ok: 'held/checkpoint-2.txt' (checkpoint of heping taken 2026-11-28T09:00:00+08:00; signed with its community's key)"
out_has "ok: 'held/backup-1.db' (backup,"
out_has "ok: 'held/minutes-2.docx' (minutes 2 (docx, full))"
out_has "ok: 'held/2026-12-02-heping-council-2.md' (agenda of meeting 2)"
out_has "ok: 'held/posted.txt', line 2 (list of 3 event(s)), witnesses event 1"
# shellcheck disable=SC2086
ok verify --witness $witnesses --json
jq -e '.ok and (.witnesses | length) == 10 and all(.witnesses[]; .ok) and .witness == null' \
  "$T/out" >/dev/null || fail "verify --witness --json"
ok -q verify --witness held/checkpoint-2.txt
out_empty

# What each witness holds, before the ledger is touched.
declare -A held_seq
for w in $witnesses; do
  held_seq[$w]=$(seq_of "$w")
  [ "${held_seq[$w]}" -gt "$edited" ] || fail "$w was taken before the event to be edited"
done
before_seq=$(seq_of held/before.txt)
[ "$before_seq" -lt "$edited" ] || fail "before.txt was taken after the edited event"

ok backup "$T/pristine.db"

# Not witnesses: a file that holds no event, one missing, the ledger itself.
echo "nothing here" > notes.txt
run verify --witness notes.txt
expect_status 65
err_has "'notes.txt' witnesses no ledger event"
run verify --witness missing.txt
expect_status 66
run verify --witness "$CONSULT_LEDGER"
expect_status 64
err_has "is the ledger itself"

# ---- The adversary rewrites an early event and recomputes the chain.
$ADVERSARY rewrite "$CONSULT_LEDGER" "$edited" "3号楼屋顶漏水" "3号楼屋顶无问题" > "$T/adv" ||
  fail "the adversary failed: $(cat "$T/adv")"
grep -q "^rewrote event $edited" "$T/adv" || fail "the adversary did nothing: $(cat "$T/adv")"
ok issue show 1
out_has "3号楼屋顶无问题"
# The attack: the chain alone cannot tell.
ok verify
out_has "chain intact, tables match the events"

# Every witness taken after the edited event catches it, naming the event and the file.
for w in $witnesses; do
  run verify --witness "$w"
  expect_status 65
  err_has "the ledger was rewritten at or before event ${held_seq[$w]}, which '$w' witnessed"
done
run verify --witness held/backup-1.db
err_has "event $edited is the first that differs from the backup"
# One taken before it still agrees, and bounds the rewrite.
ok verify --witness held/before.txt
run verify --witness held/before.txt held/checkpoint-2.txt
expect_status 65
err_has "(events up to $before_seq agree with the witnesses)"
run verify --witness held/checkpoint-2.txt --json
expect_status 65
jq -e --arg seq "${held_seq[held/checkpoint-2.txt]}" \
  '(.ok | not) and .bad_event == ($seq | tonumber) and .witness == "held/checkpoint-2.txt"
   and .witnesses[0].status == "differs" and (.problem | test("rewritten at or before"))' \
  "$T/out" >/dev/null || fail "verify --witness --json on a rewritten ledger: $(cat "$T/out")"
run --lang zh verify --witness held/checkpoint-2.txt
expect_status 65
err_has "台账在事件 ${held_seq[held/checkpoint-2.txt]} 或之前被改写过"
err_has "“held/checkpoint-2.txt”"

# ---- The adversary deletes the last events (the two comments) and rewinds the head.
ok restore "$T/pristine.db" --force
ok verify --witness held/checkpoint-2.txt
$ADVERSARY rewind "$CONSULT_LEDGER" 2 > "$T/adv" || fail "the adversary failed: $(cat "$T/adv")"
ok verify
out_has "chain intact, tables match the events"
ok verify --witness held/checkpoint-1.txt held/backup-1.db # taken before the deleted events
run verify --witness held/checkpoint-2.txt
expect_status 65
err_has "the ledger was rewritten at or before event ${held_seq[held/checkpoint-2.txt]}, which 'held/checkpoint-2.txt' witnessed"
err_has "events were deleted from its end"
run verify --witness held/head.txt
expect_status 65
err_has "which 'held/head.txt' witnessed"

# ---- Another ledger put in this one's place.
ok --ledger other.db init
ok --ledger other.db issue add --community heping --title "路灯坏了" --raised-on 2026-11-10
run --ledger other.db verify --witness held/checkpoint-1.txt
expect_status 65
err_has "which 'held/checkpoint-1.txt' witnessed"

# ---- A checkpoint altered after it was signed is refused, whatever changed.
ok restore "$T/pristine.db" --force
sed "s/^event: .*/event: $edited/" held/checkpoint-2.txt > altered-event.txt
sed "s/^hash: .*/hash: $(sqlite3 "$CONSULT_LEDGER" "SELECT hash FROM event WHERE seq = $edited")/" \
  altered-event.txt > altered-both.txt
sed "s/^name: .*/name: 别的社区/" held/checkpoint-2.txt > altered-name.txt
sed "s|^signature: .*|$(grep '^signature:' held/checkpoint-1.txt)|" held/checkpoint-2.txt \
  > altered-signature.txt
sed 's/^signature: \(.\)/signature: A\1/; s/^\(signature: .*\).$/\1/' held/checkpoint-2.txt \
  > altered-bytes.txt
sed "s|^key: .*|key: $(grep '^public_key' "$T/out-other" | sed 's/.*"\(.*\)"/\1/')|" \
  held/checkpoint-2.txt > altered-key.txt
for f in altered-event.txt altered-both.txt altered-name.txt altered-signature.txt \
  altered-bytes.txt altered-key.txt; do
  cmp -s "$f" held/checkpoint-2.txt && fail "$f was not altered"
  run verify --witness "$f"
  expect_status 65
  err_has "checkpoint '$f' is not what its community signed"
done
# Not a checkpoint at all once its form is broken: refused naming the line.
sed '/^hash:/d' held/checkpoint-2.txt > broken.txt
run verify --witness broken.txt
expect_status 65
err_has "broken.txt:5: expected the field 'hash' here, found 'at'"
# Mailed through Windows: CRLF line ends change nothing.
sed 's/$/\r/' held/checkpoint-2.txt > crlf.txt
ok verify --witness crlf.txt

# Two communities in one configuration: --community picks, as elsewhere.
sed 's/^id = "heping"/id = "anping"/; s/^name = "和平里社区"$/name = "安平社区"/' \
  "$T/heping.toml.orig" > communities/anping.toml
sed 's|^communities = .*|communities = ["communities/heping.toml", "communities/anping.toml"]|' \
  consult.toml > two.toml
run --config two.toml key init
expect_status 64
err_has "which community?"
ok --config two.toml key init --community anping
[ -f communities/anping.key ] || fail "no anping.key"
grep -q '^public_key = ' communities/anping.toml || fail "anping.toml has no public key"
ok --config two.toml checkpoint --community anping --out anping.txt
grep -qx "community: anping" anping.txt || fail "the checkpoint is not anping's"
ok --config two.toml verify --witness anping.txt held/checkpoint-2.txt
# Signed with heping's key but claiming to be anping's: refused.
sed 's/^community: heping/community: anping/' held/checkpoint-2.txt > claimed.txt
run --config two.toml verify --witness claimed.txt
expect_status 65
err_has "it names another key"

# Without the community's public key a checkpoint cannot be checked.
cp "$T/heping.toml.orig" communities/heping.toml
run verify --witness held/checkpoint-2.txt
expect_status 78
err_has "community 'heping' has no public key"
echo ok
