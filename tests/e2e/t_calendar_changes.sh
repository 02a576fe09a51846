# Calendars follow changes (issue 20, item 7). A meeting planned by the
# weekly job, then moved to another week, then cancelled: its calendar entry
# keeps its UID and its SEQUENCE goes 0 → 1 → 2, with LAST-MODIFIED the time
# of the change (attendance does not count); the cancelled meeting stays in
# the feed as CANCELLED; past meetings stay in the feed weeks later; the old
# week's files no longer look valid; UIDs name the installation, so two
# ledgers with the same community and meeting numbers never share one. The
# calendars are read by a real iCalendar parser (python3-icalendar).
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue accept 1
ok issue accept 2
tag=$(sqlite3 consult.db "SELECT substr(hash, 1, 12) FROM event WHERE seq = 1")
[ "${#tag}" -eq 12 ] || fail "no ledger tag"

# calcheck FEED.ics MEETING SEQUENCE STATUS START LAST-MODIFIED: the feed
# holds meeting MEETING once, with that SEQUENCE, STATUS, DTSTART (local)
# and LAST-MODIFIED (UTC).
calcheck() {
  /usr/bin/python3 - "$tag" "$@" <<'PY' || fail "calendar check: $*"
import sys, icalendar
tag, path, meeting, sequence, status, start, modified = sys.argv[1:]
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
uid = "meeting-heping-%s-%s@consult" % (meeting, tag)
found = [e for e in cal.walk("VEVENT") if str(e["UID"]) == uid]
assert len(found) == 1, "%s: %d events with UID %s" % (path, len(found), uid)
ev = found[0]
assert int(ev["SEQUENCE"]) == int(sequence), (ev["SEQUENCE"], sequence)
assert str(ev["STATUS"]) == status, ev["STATUS"]
assert ev["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") == start, ev["DTSTART"].dt
got = ev["LAST-MODIFIED"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
assert got == modified, (got, modified)
assert ev["DTSTAMP"].dt >= ev["LAST-MODIFIED"].dt
for e in cal.walk("VEVENT"):
    assert str(e["UID"]).endswith("-%s@consult" % tag), e["UID"]
    assert "SEQUENCE" in e and "LAST-MODIFIED" in e, e["UID"]
PY
}

# Friday: next week (2026-W49) planned; meeting 1 is the reception day of
# 12-06, meeting 2 the council of Wednesday 12-02.
export CONSULT_NOW="2026-11-27 17:00"
ok agenda --week next --all --out-dir board
out_empty
err_empty
[ -f board/2026-12-02-heping-council-2.md ] || fail "council agenda not written"
calcheck board/heping.ics 2 0 CONFIRMED "2026-12-02 19:30" 2026-11-27T09:00:00Z
calcheck board/2026-12-02-heping-council-2.ics 2 0 CONFIRMED "2026-12-02 19:30" \
  2026-11-27T09:00:00Z
ok meeting export 2 --format ics --out m2.ics
cmp -s m2.ics board/2026-12-02-heping-council-2.ics || fail "export and agenda differ"
# A file of the folder's own that happens to look like one of consult's.
printf '# 手写通知\n' >board/2026-12-03-heping-council-2.md

# Saturday: the council is moved to Thursday of the week after.
export CONSULT_NOW="2026-11-28 09:00"
ok meeting reschedule 2 --at "2026-12-10 19:30" --until 21:00 --reason "议事厅维修"
ok meeting export 2 --format ics --out m2.ics
calcheck m2.ics 2 1 CONFIRMED "2026-12-10 19:30" 2026-11-28T01:00:00Z

# Monday: this week (W49) again. Meeting 2 is no longer in it: the index
# leaves it out, its old files say where it went, its old ICS carries the
# new time with the higher SEQUENCE, and the feed has it once, at 12-10.
export CONSULT_NOW="2026-11-30 07:00"
ok agenda --week this --all --out-dir board --json
jq -e '.meetings == [1] and .files_changed > 0' "$T/out" >/dev/null || fail "W49 summary"
jq -e '[.meetings[].id] == [1]' board/index.json >/dev/null || fail "index keeps a moved meeting"
grep -q "This meeting has moved to 2026-12-10 19:30" board/2026-12-02-heping-council-2.md ||
  fail "old Markdown not marked moved"
grep -q '<p class="notice">This meeting has moved to 2026-12-10 19:30' \
  board/2026-12-02-heping-council-2.html || fail "old HTML not marked moved"
jq -e '.starts_at == "2026-12-10T19:30:00+08:00"' board/2026-12-02-heping-council-2.json \
  >/dev/null || fail "old JSON still has the old time"
calcheck board/2026-12-02-heping-council-2.ics 2 1 CONFIRMED "2026-12-10 19:30" \
  2026-11-28T01:00:00Z
calcheck board/heping.ics 2 1 CONFIRMED "2026-12-10 19:30" 2026-11-28T01:00:00Z
[ "$(cat board/2026-12-03-heping-council-2.md)" = "# 手写通知" ] || fail "a file not consult's was touched"
ok verify --witness board/2026-12-02-heping-council-2.md

# A second run changes nothing.
sha256sum board/* >"$T/first"
ok agenda --week this --all --out-dir board
out_empty
err_empty
sha256sum board/* | diff "$T/first" - >&2 || fail "second run changed files"

# Friday: W50 planned (the council of 12-09 is meeting 3); then the moved
# meeting is cancelled, and the job runs again.
export CONSULT_NOW="2026-12-04 17:00"
ok agenda --week next --all --out-dir board
export CONSULT_NOW="2026-12-05 10:00"
ok meeting cancel 2 --reason "与例会合并"
ok agenda --week next --all --out-dir board
calcheck board/heping.ics 2 2 CANCELLED "2026-12-10 19:30" 2026-12-05T02:00:00Z
calcheck board/2026-12-10-heping-council-2.ics 2 2 CANCELLED "2026-12-10 19:30" \
  2026-12-05T02:00:00Z
# The file of the first week, from an earlier run, follows too.
calcheck board/2026-12-02-heping-council-2.ics 2 2 CANCELLED "2026-12-10 19:30" \
  2026-12-05T02:00:00Z
grep -q "This meeting is cancelled." board/2026-12-10-heping-council-2.md ||
  fail "cancelled agenda not marked"
grep -q "This meeting is cancelled." board/2026-12-02-heping-council-2.md ||
  fail "old file of a cancelled meeting not marked"
jq -e '[.meetings[] | select(.id == 2) | .status] == ["cancelled"]' board/index.json \
  >/dev/null || fail "W50 index"

# Attendance is not a change of the calendar entry.
export CONSULT_NOW="2026-12-06 11:40"
ok meeting attend 1 --guest 何工=区房管局
export CONSULT_NOW="2026-12-06 12:00"
ok meeting export 1 --format ics --out m1.ics
calcheck m1.ics 1 0 CONFIRMED "2026-12-06 09:00" 2026-11-27T09:00:00Z
grep -q "^DTSTAMP:20261206T034000Z" m1.ics || fail "DTSTAMP is not the meeting's latest event"

# Two weeks on: the past meetings stay in the feed.
export CONSULT_NOW="2026-12-18 17:00"
ok agenda --week next --all --out-dir board
calcheck board/heping.ics 1 0 CONFIRMED "2026-12-06 09:00" 2026-11-27T09:00:00Z
calcheck board/heping.ics 2 2 CANCELLED "2026-12-10 19:30" 2026-12-05T02:00:00Z
calcheck board/heping.ics 3 0 CONFIRMED "2026-12-09 19:30" 2026-12-04T09:00:00Z
ok verify

# Another installation (another street office) with the same community and
# meeting numbers: other UIDs.
mkdir other
(
  cd other
  export CONSULT_LEDGER="$T/other/consult.db" CONSULT_NOW="2026-11-20 08:00" CONSULT_ACTOR=clerk
  seed
  export CONSULT_NOW="2026-11-27 17:00"
  ok agenda --week next --all --out-dir board
)
tag2=$(sqlite3 other/consult.db "SELECT substr(hash, 1, 12) FROM event WHERE seq = 1")
[ -n "$tag2" ] && [ "$tag2" != "$tag" ] || fail "two ledgers share a tag"
grep -q "^UID:meeting-heping-2-$tag2@consult" other/board/2026-12-02-heping-council-2.ics ||
  fail "second ledger's UID"
! grep -rq "$tag" other/board || fail "second ledger's files carry the first one's tag"
