#!/usr/bin/env python3
# interactive.py - drives an interactive sh on a pseudo-terminal: line editing, history, ^C, job control; TAP.
# SPDX-License-Identifier: MIT
# usage: interactive.py SH PATH
# Every wait has a deadline only so a broken shell cannot hang the suite.
import os
import pty
import select
import signal
import sys
import time

sh, path = sys.argv[1], sys.argv[2]
n = 0
fails = 0


def result(ok, name, detail=""):
    global n, fails
    n += 1
    print(("ok" if ok else "not ok"), n, name, flush=True)
    if not ok:
        fails += 1
        print("#  ", repr(detail[-300:]), flush=True)


pid, fd = pty.fork()
if pid == 0:
    os.execve(sh, ["sh", "-i"], {"PATH": path, "PS1": "$ ", "TERM": "vt100",
                                 "ASAN_OPTIONS": "detect_leaks=0"})

buf = b""


def read_until(token, deadline=15.0):
    """Reads until token shows up; returns (found, text read since the last call)."""
    global buf
    end = time.monotonic() + deadline
    while token not in buf:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            break
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        buf += data
    found = token in buf
    text = buf.decode(errors="replace")
    if found:
        buf = buf[buf.index(token) + len(token):]
    return found, text


def send(s):
    os.write(fd, s.encode())


def wait_fg(name):
    """Waits (bounded) until a process called name owns the terminal."""
    for _ in range(300):
        try:
            pg = os.tcgetpgrp(fd)
            with open("/proc/%d/cmdline" % pg, "rb") as f:
                if f.read().startswith(name.encode()):
                    return
        except OSError:
            pass
        time.sleep(0.05)


ok, t = read_until(b"$ ")
result(ok, "prompt", t)
send("echo one-two\r")
ok, t = read_until(b"one-two\r\n")
result(ok, "simple_command", t)
result(t.startswith("echo one-two\r") and "\x1b" not in t, "typing_echoes_plainly", t)
read_until(b"$ ")
send("echo helo\x1b[Dl\r")
ok, t = read_until(b"hello\r\n")
result(ok, "cursor_left_insert", t)
read_until(b"$ ")
send("\x1b[A\r")
ok, t = read_until(b"hello\r\n")
result(ok, "history_up", t)
read_until(b"$ ")
send("echo x\x01\x05 y\r")
ok, t = read_until(b"x y\r\n")
result(ok, "ctrl_a_ctrl_e", t)
read_until(b"$ ")
send("echo bad\x7f\x7f\x7fgood\r")
ok, t = read_until(b"good\r\n")
result(ok, "backspace", t)
read_until(b"$ ")
send("garbage\x03")
ok, t = read_until(b"$ ")
send("echo after-ctrl-c\r")
ok, t = read_until(b"after-ctrl-c\r\n")
result(ok and "garbage: not found" not in t, "ctrl_c_drops_line", t)
read_until(b"$ ")
send("ech\ttab-completed\r")
ok, t = read_until(b"tab-completed\r\n")
result(ok and "$ echo " in t, "tab_completes_command", t)
read_until(b"$ ")
send("echo abc\x15echo def\r")
ok, t = read_until(b"def\r\n")
result(ok and "abc" not in t.split("def")[-1], "ctrl_u", t)
read_until(b"$ ")
send("sleep 30\r")
# ^C must reach the job, so wait until sleep owns the terminal (bounded)
for _ in range(300):
    try:
        pg = os.tcgetpgrp(fd)
        with open("/proc/%d/cmdline" % pg, "rb") as f:
            if f.read().startswith(b"sleep"):
                break
    except OSError:
        pass
    time.sleep(0.05)
send("\x03")
ok, t = read_until(b"$ ")
result(ok, "ctrl_c_stops_foreground_job", t)
send("echo $?\r")
ok, t = read_until(b"130\r\n")
result(ok, "job_status_130", t)
read_until(b"$ ")
send("sleep 1; echo ctrl-z-ignored\r")
wait_fg("sleep")
send("\x1a")
ok, t = read_until(b"ctrl-z-ignored\r\n")
result(ok and "]+ Stopped\tsleep 1" in t, "ctrl_z_stops_job_list_goes_on", t)
read_until(b"$ ")
# ^Z on a pipeline: the whole group stops, "[N]+ Stopped", the prompt comes back;
# jobs lists it; fg continues it in the foreground and ^C then ends it.
send("sleep 30 | cat\r")
wait_fg("sleep")
send("\x1a")
ok, t = read_until(b"$ ")
result(ok and "]+ Stopped\tsleep 30 | cat\r\n" in t, "ctrl_z_stops_pipeline", t)
send("jobs\r")
ok, t = read_until(b"$ ")
result("Stopped\tsleep 30 | cat" in t and "Stopped\tsleep 1" in t, "jobs_lists_stopped_jobs", t)
send("echo st $?\r")
ok, t = read_until(b"$ ")
send("fg %2\r")
ok, t = read_until(b"sleep 30 | cat\r\n")
result(ok, "fg_names_the_job", t)
wait_fg("sleep")
send("\x03")
ok, t = read_until(b"$ ")
send("echo fg-after-stop $?\r")
ok, t = read_until(b"fg-after-stop 130\r\n")
result(ok, "fg_continues_stopped_pipeline", t)
read_until(b"$ ")
send("sleep 30\r")
wait_fg("sleep")
send("\x1a")
read_until(b"$ ")
send("bg\r")
ok, t = read_until(b"+ sleep 30 &\r\n")
result(ok, "bg_continues_stopped_job", t)
read_until(b"$ ")
send("jobs\r")
ok, t = read_until(b"$ ")
result("Running\tsleep 30" in t, "jobs_after_bg_running", t)
send("fg\r")
wait_fg("sleep")
send("\x03")
read_until(b"$ ")
send("echo still-alive $$\r")
ok, t = read_until(b"still-alive " + str(pid).encode())
result(ok, "shell_survives_ctrl_c", t)
read_until(b"$ ")
send("if true\rthen echo continued\rfi\r")
ok, t = read_until(b"continued\r\n")
result(ok and "> " in t, "ps2_continuation", t)
read_until(b"$ ")
send("sleep 0 &\r")
read_until(b"$ ")
send("wait; echo waited\r")
ok, t = read_until(b"waited\r\n")
result(ok, "background_and_wait", t)
read_until(b"$ ")
send("sleep 30 &\r")
read_until(b"$ ")
send("jobs\r")
ok, t = read_until(b"Running\tsleep 30\r\n")
result(ok, "jobs_lists_running", t)
read_until(b"$ ")
send("kill -STOP $!\r")
read_until(b"$ ")
# the stop is asynchronous: ask again (a bounded number of times) until it shows
for _ in range(50):
    send("jobs\r")
    ok, t = read_until(b"$ ")
    if "Stopped" in t:
        break
    time.sleep(0.1)
result("Stopped" in t, "jobs_sees_stopped", t)
send("bg\r")
ok, t = read_until(b"+ sleep 30 &\r\n")
result(ok, "bg_continues", t)
read_until(b"$ ")
send("fg\r")
for _ in range(300):
    try:
        pg = os.tcgetpgrp(fd)
        with open("/proc/%d/cmdline" % pg, "rb") as f:
            if f.read().startswith(b"sleep"):
                break
    except OSError:
        pass
    time.sleep(0.05)
send("\x03")
ok, t = read_until(b"$ ")
send("echo fg-status $?\r")
ok, t = read_until(b"fg-status 130\r\n")
result(ok, "fg_brings_job_to_terminal", t)
read_until(b"$ ")
send("exit 3\r")
end = time.monotonic() + 15
status = None
while time.monotonic() < end:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p == pid:
        status = os.waitstatus_to_exitcode(st)
        break
    try:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            os.read(fd, 4096)
    except OSError:
        pass
if status is None:
    os.kill(pid, signal.SIGKILL)
result(status == 3, "exit_status", str(status))
print("# %d tests, %d failed" % (n, fails))
sys.exit(1 if fails else 0)
