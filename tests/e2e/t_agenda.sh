# The weekly cron job: `consult agenda` plans next week's scheduled meetings
# with their agendas, writes one file per meeting and format plus an index
# and a calendar feed, says nothing on success, and is idempotent: a second
# run plans nothing and leaves byte-identical files. The calendars are read
# back by a real iCalendar parser (python3-icalendar).
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

seed
ok issue accept 1
ok issue accept 2
ok issue add --title "路灯坏了，晚上看不见, 请尽快修理; 谢谢" --category facility-repair \
  --raised-on 2026-11-10
ok issue accept 4

export CONSULT_NOW="2026-11-27 17:00" # a Friday: next week is 2026-W49
ok agenda --week next --all --out-dir board
out_empty
err_empty
ls board >"$T/files"
cat >"$T/expected-files" <<'LIST'
2026-12-02-heping-council-2.html
2026-12-02-heping-council-2.ics
2026-12-02-heping-council-2.json
2026-12-02-heping-council-2.md
2026-12-06-heping-reception-day-1.html
2026-12-06-heping-reception-day-1.ics
2026-12-06-heping-reception-day-1.json
2026-12-06-heping-reception-day-1.md
heping.ics
index.html
index.json
index.md
LIST
diff "$T/expected-files" "$T/files" >&2 || fail "agenda files differ"

grep -q "^# 居民议事会例会" board/2026-12-02-heping-council-2.md || fail "md title"
grep -q "3号楼屋顶漏水" board/2026-12-02-heping-council-2.md || fail "md agenda"
grep -q '<meta charset="utf-8">' board/2026-12-02-heping-council-2.html || fail "html charset"
jq -e '.week == "2026-W49" and (.meetings | length) == 2' board/index.json >/dev/null ||
  fail "index.json"
jq -e '[.items[].issue] == [2, 4, 1] and .kind == "council"' \
  board/2026-12-02-heping-council-2.json >/dev/null || fail "meeting json agenda order"
jq -e '(.items | length) == 0' board/2026-12-06-heping-reception-day-1.json >/dev/null ||
  fail "a reception day takes no agenda"

# Personal data stays out of what is posted.
! grep -rl "张小明\|13812341234\|李娜" board >/dev/null || fail "personal data in agenda files"

sha256sum board/* >"$T/first"
before=$(snapshot)
ok agenda --week next --all --out-dir board
out_empty
err_empty
sha256sum board/* | diff "$T/first" - >&2 || fail "second run changed files"
[ "$(snapshot)" = "$before" ] || fail "second run changed the ledger"
ok meeting list --json
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "second run planned duplicates"

# The calendars, read by a real parser.
tag=$(sqlite3 "$CONSULT_LEDGER" "SELECT substr(hash, 1, 12) FROM event WHERE seq = 1")
/usr/bin/python3 - board "$tag" <<'PY' || fail "iCalendar check"
import sys, os, icalendar
out, tag = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(out)):
    if not name.endswith(".ics"):
        continue
    raw = open(os.path.join(out, name), "rb").read()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", name + ": not CRLF-terminated"
    for line in lines:
        assert len(line) <= 75, "%s: line of %d octets" % (name, len(line))
        line.decode("utf-8")  # folding never splits a character
        assert b"\n" not in line
    cal = icalendar.Calendar.from_ical(raw)
    zones = [z["TZID"] for z in cal.walk("VTIMEZONE")]
    assert zones == ["Asia/Shanghai"], zones
    for ev in cal.walk("VEVENT"):
        start = ev["DTSTART"].dt
        assert str(start.tzinfo) == "Asia/Shanghai", start
        assert ev["UID"].endswith("-" + tag + "@consult")
        assert int(ev["SEQUENCE"]) >= 0 and "LAST-MODIFIED" in ev
feed = icalendar.Calendar.from_ical(open(os.path.join(out, "heping.ics"), "rb").read())
events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
rec = events["schedule-heping-reception-day-%s@consult" % tag]
assert rec["RRULE"]["FREQ"] == ["MONTHLY"] and rec["RRULE"]["BYMONTHDAY"] == [6, 26], rec["RRULE"]
council = events["schedule-heping-council-%s@consult" % tag]
assert council["RRULE"]["BYDAY"] == ["WE"], council["RRULE"]
ex = council["EXDATE"]
ex = ex if isinstance(ex, list) else [ex]
assert [d.dt.strftime("%Y-%m-%d %H:%M") for e in ex for d in e.dts] == ["2026-12-02 19:30"]
m = events["meeting-heping-2-%s@consult" % tag]
assert int(m["SEQUENCE"]) == 0, m["SEQUENCE"]
assert m["DTSTART"].dt.strftime("%Y-%m-%d %H:%M %z") == "2026-12-02 19:30 +0800"
desc = str(m["DESCRIPTION"])
assert "路灯坏了，晚上看不见, 请尽快修理; 谢谢" in desc, desc
assert desc.splitlines()[1].startswith("1. #2 "), desc
assert str(m["LOCATION"]) == "社区议事厅"
PY

# Errors: a bad week is a usage error; an unwritable directory is 73.
run agenda --week 2026-W60 --out-dir board
expect_status 64
err_has "is not a week"
touch blocker
run agenda --week next --out-dir blocker/sub
expect_status 73
ok verify
