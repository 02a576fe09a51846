#!/usr/bin/python3
"""Runs a command on a pseudo-terminal, as a person at a terminal would:
answers each prompt in turn, and prints everything the terminal showed.

    pty_run.py [--answer TEXT]... -- COMMAND ARG...

Each --answer is typed (with Enter) once the command waits for it: the
command is quiet and its line editor has put the terminal in character mode
(typing before that, as a slow start under the sanitizers allows, would
reach the terminal's line discipline instead: an end of input typed then is
not an end of input for the line editor). An answer of ^D sends end of
input. Exit status: the command's; 124 if it is still running after
CONSULT_PTY_TIMEOUT seconds (default 300), and then it is killed, never
waited for forever.
"""
import os
import pty
import select
import signal
import sys
import termios
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


def reading_characters():
    """The command's terminal is in character mode: its line editor waits."""
    try:
        return not termios.tcgetattr(fd)[3] & termios.ICANON
    except termios.error:
        return False


seen = b""
limit = float(os.environ.get("CONSULT_PTY_TIMEOUT", "300"))
deadline = time.time() + limit
status = None
while True:
    if time.time() > deadline:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.stdout.write(seen.decode("utf-8", "replace").replace("\r\n", "\n"))
        sys.stderr.write("pty_run: %s still running after %g s; killed\n" % (command[0], limit))
        sys.exit(124)
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        continue
    # Quiet for a moment: the command waits for input, works, or is done.
    if answers and reading_characters():
        a = answers.pop(0)
        os.write(fd, b"\x04" if a == "^D" else a.encode() + b"\r")
        continue
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = st
        break
if status is None:
    _, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
