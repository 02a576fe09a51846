#!/usr/bin/env python3
"""Someone who holds the ledger's file, and nothing of consult's code, rewrites
it so that `consult verify` still passes (tests/e2e/t_witness.sh). Written
from docs/schema.md alone: the hash of an event is the SHA-256 of the compact
JSON array [seq, at, actor, kind, entity, payload, prev_hash]; `ledger_head`
holds the last event's seq and hash; triggers refuse UPDATE and DELETE on
`event` and `event_item`, and can be dropped.

    adversary.py rewrite LEDGER SEQ OLD NEW   # OLD -> NEW in event SEQ's payload
                                              # and in every table that shows it
    adversary.py rewind LEDGER N              # delete the last N events (comments)
    adversary.py retime LEDGER SEQ AT         # event SEQ dated AT instead
    adversary.py corrupt LEDGER INDEX         # damage a page of the index INDEX

Prints what it did; exits 1 if the ledger is not what it expects.
"""

import hashlib
import json
import sqlite3
import sys


def event_hash(seq, at, actor, kind, entity, payload, prev):
    text = json.dumps([seq, at, actor, kind, entity, payload, prev],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def drop_triggers(db):
    """Drops the append-only triggers; returns their SQL, to put them back after."""
    found = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                       "AND tbl_name IN ('event', 'event_item', 'personal_value')").fetchall()
    for name, _ in found:
        db.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def rechain(db, start):
    """Recomputes the hash of every event from `start` on, and the head."""
    prev = "0" * 64 if start == 1 else db.execute(
        "SELECT hash FROM event WHERE seq = ?", (start - 1,)).fetchone()[0]
    rows = db.execute("SELECT seq, at, actor, kind, entity, payload FROM event "
                      "WHERE seq >= ? ORDER BY seq", (start,)).fetchall()
    for seq, at, actor, kind, entity, payload in rows:
        h = event_hash(seq, at, actor, kind, entity, payload, prev)
        db.execute("UPDATE event SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev = h
    last = db.execute("SELECT max(seq) FROM event").fetchone()[0]
    db.execute("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1", (last, prev))
    return len(rows), last, prev


def rewrite(db, seq, old, new):
    (payload,) = db.execute("SELECT payload FROM event WHERE seq = ?", (seq,)).fetchone()
    if old in payload:
        payload = payload.replace(old, new)
    else:
        # From schema 10 the text is sealed beside the event under a salted
        # reference: a careful adversary seals the new text under a new salt
        # and puts the new reference in the payload.
        rows = db.execute("SELECT ref, value FROM personal_value WHERE seq = ? AND "
                          "instr(value, ?) > 0", (seq, old)).fetchall()
        if not rows:
            sys.exit(f"event {seq} does not contain {old!r}")
        for ref, value in rows:
            salt = "0123456789abcdef" * 2
            value = value.replace(old, new)
            new_ref = hashlib.sha256(f"{salt}\n{value}".encode("utf-8")).hexdigest()
            db.execute("UPDATE personal_value SET ref = ?, salt = ?, value = ? WHERE ref = ?",
                       (new_ref, salt, value, ref))
            payload = payload.replace(ref, new_ref)
    db.execute("UPDATE event SET payload = ? WHERE seq = ?", (payload, seq))
    # Every projected table that shows the old text shows the new one instead.
    patched = 0
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT IN ('event', 'event_item', 'ledger_head', "
                                       "'personal_value') "
                                       "AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        for col in [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]:
            cur = db.execute(f'UPDATE "{table}" SET "{col}" = replace("{col}", ?, ?) '
                             f'WHERE typeof("{col}") = \'text\' AND instr("{col}", ?) > 0',
                             (old, new, old))
            patched += cur.rowcount
    n, last, head = rechain(db, seq)
    print(f"rewrote event {seq}: {old} -> {new}; {patched} table value(s) patched; "
          f"{n} hashes recomputed; head {last} {head}")


def rewind(db, count):
    last = db.execute("SELECT max(seq) FROM event").fetchone()[0]
    gone = db.execute("SELECT seq, kind, payload FROM event WHERE seq > ? ORDER BY seq",
                      (last - count,)).fetchall()
    for seq, kind, payload in gone:
        if kind != "issue.comment":
            sys.exit(f"event {seq} is {kind}: this script only takes comments back")
        p = json.loads(payload)
        db.execute("DELETE FROM issue_comment WHERE id = ?", (p["comment"],))
        db.execute("DELETE FROM event WHERE seq = ?", (seq,))
        db.execute("DELETE FROM personal_value WHERE seq = ?", (seq,))
        # The last change is again the last event about it that is left.
        at_seq, at = db.execute("SELECT seq, at FROM event WHERE entity = ? "
                                "ORDER BY seq DESC LIMIT 1", (f"issue:{p['id']}",)).fetchone()
        db.execute("UPDATE issue SET updated_seq = ?, updated_at = ? WHERE id = ?",
                   (at_seq, at, p["id"]))
    head_seq, head = db.execute("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").fetchone()
    db.execute("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1", (head_seq, head))
    print(f"deleted events {last - count + 1}..{last}; head {head_seq} {head}")


def retime(db, seq, at):
    db.execute("UPDATE event SET at = ? WHERE seq = ?", (at, seq))
    n, last, head = rechain(db, seq)
    print(f"event {seq} dated {at}; {n} hashes recomputed; head {last} {head}")


def corrupt(path, index):
    """Changes bytes inside the records of an index's first page, leaving the
    page's structure alone: the index no longer agrees with its table."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    (root,) = db.execute("SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND name = ?",
                         (index,)).fetchone()
    db.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        page = bytearray(f.read(page_size))
        # The cell content area runs to the end of the page: its last bytes are
        # the last record's values. Flip letters of the text in it.
        changed = 0
        for i in range(page_size - 1, page_size - 200, -1):
            if 0x61 <= page[i] <= 0x7a:
                page[i] = page[i] ^ 0x20
                changed += 1
                if changed == 4:
                    break
        f.seek((root - 1) * page_size)
        f.write(page)
    print(f"changed {changed} bytes of page {root} ({index})")


def main():
    what, path = sys.argv[1], sys.argv[2]
    if what == "corrupt":
        corrupt(path, sys.argv[3])
        return
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    triggers = drop_triggers(db)
    if what == "rewrite":
        rewrite(db, int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif what == "rewind":
        rewind(db, int(sys.argv[3]))
    elif what == "retime":
        retime(db, int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(f"unknown action {what}")
    for sql in triggers:  # as they were: nothing shows they were ever gone
        db.execute(sql)
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
