#!/usr/bin/python3
"""Concurrent writers on one ledger.

    concurrent.py CONSULT WORKDIR [--seconds 60]

Four writing processes at once — issues added (and accepted), suggestion boxes
imported, council meetings held with a vote (add, accept, plan, attend,
open, tally, close the vote, close the meeting), comments on issues — and
the cron job `consult agenda --week next --all` in a loop, for the given
time. Every command must succeed: no "database is locked" (exit 75) may
reach the user, since writers queue for the lock. Afterwards every write
that reported success must be in the ledger, and `consult verify` must pass.
Prints the figures; exit 1 on any violation.
"""

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

MEMBERS = "王建国,李秀英,赵德明,孙桂兰,吴丽华,陈静,刘洋,周志强"  # 8 of the 10 seats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("consult")
    ap.add_argument("workdir")
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    consult = os.path.abspath(args.consult)
    os.chdir(args.workdir)
    env = dict(os.environ)
    env["CONSULT_LEDGER"] = os.path.abspath("concurrent.db")
    env["CONSULT_NOW"] = "2026-11-21 10:00"
    env["NO_COLOR"] = "1"
    ledger = env["CONSULT_LEDGER"]
    failures = []
    counts = {}
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def run(who, argv):
        p = subprocess.run([consult] + argv, env=env, capture_output=True, text=True)
        with lock:
            counts[who] = counts.get(who, 0) + 1
            if p.returncode != 0:
                failures.append(f"{who}: consult {' '.join(argv)} exited {p.returncode}: "
                                f"{p.stderr.strip()}")
        return p if p.returncode == 0 else None

    def json_of(p):
        return json.loads(p.stdout.splitlines()[-1]) if p else None

    added, imported, comments, votes = [], [], [], []

    def adder():
        n = 0
        while time.monotonic() < deadline:
            n += 1
            title = f"concurrent-add-{n}"
            p = run("issue add", ["--json", "issue", "add", "--community", "heping", "--title",
                                  title, "--channel", "wechat-group", "--category", "other",
                                  "--raised-on", "2026-11-15"])
            if p and run("issue add", ["-q", "issue", "accept", str(json_of(p)["id"])]):
                added.append((title, json_of(p)["id"]))  # accepted: open to comments

    def importer():
        n = 0
        while time.monotonic() < deadline:
            n += 1
            path = f"box-{n}.csv"
            with open(path, "w", encoding="utf-8") as f:
                f.write("提交日期,渠道,反映内容\n")
                for r in range(20):
                    f.write(f"2026-11-{1 + r % 20},意见箱,concurrent-import-{n}-{r} 路灯不亮。\n")
            if run("import", ["-q", "import", path, "--community", "heping"]):
                imported.append(n)

    def voter():
        n = 0
        while time.monotonic() < deadline and n < 31 * 16:
            day, hour = 1 + n // 16, 7 + n % 16
            n += 1
            p = run("vote cycle", ["--json", "issue", "add", "--community", "heping", "--title",
                                   f"concurrent-vote-{n}", "--channel", "meeting",
                                   "--category", "other", "--raised-on", "2026-11-16"])
            if not p:
                continue
            issue = json_of(p)["id"]
            if not run("vote cycle", ["-q", "issue", "accept", str(issue)]):
                continue
            p = run("vote cycle", ["--json", "meeting", "plan", "--community", "heping",
                                   "--kind", "council", "--at", f"2026-12-{day:02} {hour:02}:00",
                                   "--until", f"{hour:02}:50", "--issue", str(issue)])
            if not p:
                continue
            meeting = json_of(p)["id"]
            if not run("vote cycle", ["-q", "meeting", "attend", str(meeting), "--present",
                                      MEMBERS]):
                continue
            p = run("vote cycle", ["--json", "vote", "open", "--meeting", str(meeting),
                                   "--issue", str(issue), "--question", "同意",
                                   "--method", "show-of-hands"])
            if not p:
                continue
            vote = json_of(p)["id"]
            if (run("vote cycle", ["-q", "vote", "tally", str(vote), "--count", "yes=8"])
                    and run("vote cycle", ["-q", "vote", "close", str(vote)])
                    and run("vote cycle", ["-q", "meeting", "close", str(meeting)])):
                votes.append((vote, meeting))

    def commenter():
        rng = random.Random(7)
        n = 0
        while time.monotonic() < deadline:
            if not added:
                time.sleep(0.01)
                continue
            n += 1
            title, issue = rng.choice(added)
            text = f"concurrent-comment-{n}"
            if run("comment", ["-q", "issue", "comment", str(issue), text, "--by", "居民"]):
                comments.append(text)

    def cron():
        while time.monotonic() < deadline:
            run("agenda", ["-q", "agenda", "--week", "next", "--all", "--out-dir", "agenda"])

    subprocess.run([consult, "-q", "init"], env=env, check=True)
    threads = [threading.Thread(target=f) for f in (adder, importer, voter, commenter, cron)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    locked = [f for f in failures if "locked" in f or "exited 75" in f]
    if locked:
        print(f"FAIL: {len(locked)} 'database is locked' failures reached the user; "
              f"first: {locked[0]}", file=sys.stderr)
        sys.exit(1)
    if failures:
        print(f"FAIL: {len(failures)} commands failed; first: {failures[0]}", file=sys.stderr)
        sys.exit(1)

    db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
    q = lambda sql, *a: db.execute(sql, a).fetchone()[0]  # noqa: E731
    missing = []
    for title, issue in added:
        if q("SELECT count(*) FROM issue WHERE id = ? AND title = ? AND accepted_on IS NOT NULL",
             issue, title) != 1:
            missing.append(f"issue {issue} ({title})")
    rows = {}
    for (body,) in db.execute("SELECT body FROM issue WHERE body LIKE 'concurrent-import-%'"):
        n = int(body.split("-")[2])
        rows[n] = rows.get(n, 0) + 1
    for n in imported:
        if rows.get(n, 0) != 20:
            missing.append(f"import {n}: {rows.get(n, 0)} of 20 rows")
    recorded = {}
    for (body,) in db.execute("SELECT body FROM issue_comment"):
        recorded[body] = recorded.get(body, 0) + 1
    for text in comments:
        if recorded.get(text) != 1:
            missing.append(f"comment {text}")
    for vote, meeting in votes:
        if q("SELECT count(*) FROM vote WHERE id = ? AND status = 'closed' AND result = "
             "'approved'", vote) != 1 or q("SELECT count(*) FROM meeting WHERE id = ? AND "
                                           "status = 'closed'", meeting) != 1:
            missing.append(f"vote {vote} at meeting {meeting}")
    events = q("SELECT count(*) FROM event")
    db.close()
    if missing:
        print(f"FAIL: {len(missing)} reported writes are missing; first: {missing[0]}",
              file=sys.stderr)
        sys.exit(1)
    v = subprocess.run([consult, "-q", "verify"], env=env, capture_output=True, text=True)
    if v.returncode != 0:
        print(f"FAIL: verify: {v.stderr.strip()}", file=sys.stderr)
        sys.exit(1)
    total = sum(counts.values())
    print(f"{elapsed:.0f} s, 5 processes at once: {total} commands "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}), "
          f"0 failed, 0 'database is locked'; present afterwards: {len(added)} issues added, "
          f"{len(imported)} imports of 20 rows, {len(votes)} meetings with a vote, "
          f"{len(comments)} comments; {events} events, verify ok")


if __name__ == "__main__":
    main()
