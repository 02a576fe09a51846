#!/usr/bin/python3
"""Runs a command on a pseudo-terminal, as a person at a terminal would:
answers each prompt in turn, and prints everything the terminal showed.

    pty_run.py [--answer TEXT]... -- COMMAND ARG...

Each --answer is typed (with Enter) once the command waits for input; an
answer of ^D sends end of input. Exit status: the command's.
"""
import os
import pty
import select
import sys
import time

answers = []
args = sys.argv[1:]
while args and args[0] == "--answer":
    answers.append(args[1])
    args = args[2:]
assert args and args[0] == "--", "usage: pty_run.py [--answer TEXT]... -- COMMAND ARG..."
command = args[1:]

pid, fd = pty.fork()
if pid == 0:
    os.environ["COLUMNS"] = "100"
    os.execvp(command[0], command)

seen = b""
deadline = time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.3)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        continue
    # Quiet for a moment: the command waits for input (or is done).
    if answers:
        a = answers.pop(0)
        os.write(fd, b"\x04" if a == "^D" else a.encode() + b"\r")
    else:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
