#!/usr/bin/python3
"""Crash safety: writing commands killed with SIGKILL at random moments.

    kill.py CONSULT WORKDIR [--seed N] [--kills N]

Runs `consult issue add`, `consult import` (50-row CSV files) and
`consult issue accept` against one ledger, each killed after a random delay
unless it has finished; after each, checks that the file is intact
(`PRAGMA integrity_check`), that a command that reported success is wholly
present, and that a killed one is wholly present or wholly absent (never an
import in part); `consult verify` every 25 commands and at the end. Stops
after N kills of a running command (default 200). Seeded: the same seed
gives the same commands and delays. Prints the figures; exit 1 on the first
violation.
"""

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

ROWS = 50  # rows per imported file


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("consult")
    ap.add_argument("workdir")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--kills", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    args.consult = os.path.abspath(args.consult)
    os.chdir(args.workdir)
    env = dict(os.environ)
    env["CONSULT_LEDGER"] = os.path.abspath("crash.db")
    env["CONSULT_NOW"] = "2026-11-21 10:00"
    env["NO_COLOR"] = "1"
    ledger = env["CONSULT_LEDGER"]

    def run(argv, check=True):
        p = subprocess.run([args.consult] + argv, env=env, capture_output=True, text=True)
        if check and p.returncode != 0:
            fail(f"consult {' '.join(argv)} exited {p.returncode}: {p.stderr.strip()}")
        return p

    def fail(why):
        print(f"FAIL: {why}", file=sys.stderr)
        sys.exit(1)

    def query(sql, *params):
        db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    run(["-q", "init"])
    stats = {"commands": 0, "kills": 0, "finished": 0, "present_after_kill": 0,
             "absent_after_kill": 0, "verify": 0}
    by_kind = {}
    durations = {}
    n = 0
    while stats["kills"] < args.kills:
        n += 1
        if n > args.kills * 20:
            fail(f"only {stats['kills']} kills in {n} commands: the delays are too long")
        kind = rng.choice(["add", "add", "import", "import", "accept"])
        tag = f"crash-{args.seed}-{n}"
        if kind == "add":
            argv = ["-q", "issue", "add", "--community", "heping", "--title", tag,
                    "--channel", "suggestion-box", "--category", "other",
                    "--raised-on", "2026-11-10"]
            expect = 1

            def count():
                return query("SELECT count(*) FROM issue WHERE title = ?", tag)[0][0]
        elif kind == "import":
            path = f"{tag}.csv"
            with open(path, "w", encoding="utf-8") as f:
                f.write("提交日期,渠道,反映内容\n")
                for r in range(ROWS):
                    f.write(f"2026-11-{1 + r % 20},意见箱,{tag}-{r} 楼道灯不亮，请修理。\n")
            argv = ["-q", "import", path, "--community", "heping"]
            expect = ROWS

            def count():
                return query("SELECT count(*) FROM issue WHERE body LIKE ?", f"{tag}-%")[0][0]
        else:
            collected = query("SELECT id FROM issue WHERE status = 'collected' ORDER BY id")
            if not collected:
                continue
            issue = rng.choice(collected)[0]
            argv = ["-q", "issue", "accept", str(issue)]
            expect = 1

            def count(issue=issue):
                return query("SELECT count(*) FROM issue WHERE id = ? AND status = 'accepted'",
                             issue)[0][0]
        # Kill anywhere in the command's life: up to a little past how long
        # this kind of command takes when left alone, which every fourth
        # command of the kind measures.
        took = sorted(durations.get(kind, []))
        timed = len(took) < 3 or n % 4 == 0
        limit = 1.2 * took[len(took) // 2] if took else 0.05
        delay = rng.uniform(0, limit)
        stats["commands"] += 1
        started = time.monotonic()
        p = subprocess.Popen([args.consult] + argv, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        killed = False
        if timed:
            p.wait()
            durations.setdefault(kind, []).append(time.monotonic() - started)
        else:
            time.sleep(delay)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed = True
        p.wait()
        err = p.stderr.read().decode("utf-8", "replace")
        p.stderr.close()
        integrity = query("PRAGMA integrity_check")
        if integrity != [("ok",)]:
            fail(f"integrity_check after {kind} {tag}: {integrity}")
        got = count()
        if killed:
            stats["kills"] += 1
            by_kind[kind] = by_kind.get(kind, 0) + 1
            if got not in (0, expect):
                fail(f"{kind} {tag} killed after {delay * 1000:.0f} ms left {got} of {expect}")
            stats["present_after_kill" if got else "absent_after_kill"] += 1
        else:
            stats["finished"] += 1
            if p.returncode != 0:
                fail(f"{kind} {tag} failed without being killed ({p.returncode}): {err.strip()}")
            if got != expect:
                fail(f"{kind} {tag} reported success but {got} of {expect} are present")
        if stats["commands"] % 25 == 0:
            run(["-q", "verify"])
            stats["verify"] += 1
    run(["-q", "verify"])
    stats["verify"] += 1
    issues = query("SELECT count(*) FROM issue")[0][0]
    events = query("SELECT count(*) FROM event")[0][0]
    print(f"seed {args.seed}: {stats['commands']} commands, {stats['kills']} killed while running "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_kind.items()))}; "
          f"{stats['present_after_kill']} had committed, {stats['absent_after_kill']} left nothing), "
          f"{stats['finished']} finished and present; integrity_check ok after every command, "
          f"verify ok {stats['verify']} times; ledger: {issues} issues, {events} events; "
          f"median run: " + ", ".join(f"{k} {sorted(v)[len(v) // 2] * 1000:.0f} ms"
                                      for k, v in sorted(durations.items())))


if __name__ == "__main__":
    main()
