#!/usr/bin/env python3
# console_test.py - drive the live image's shell over the serial console and the PS/2 keyboard (check-console)
# SPDX-License-Identifier: MIT
#
# console_test.py IMAGE WORKDIR
#   Boots IMAGE once in QEMU (TCG, OVMF) with COM1 on a unix socket and the
#   monitor on another, types commands as a user would and prints one TAP
#   line per step. Every wait has a hard timeout; QEMU is killed at the end.
import os
import re
import socket
import subprocess
import sys
import time

# A prompt on a fresh line (the editor redraws its line after "\r").
PROMPT = re.compile(rb"\nrustica:[^\r\n]*# $")
# Any prompt: after ^D (the newline was read already) or a pipeline's ^C
# (the shell adds a newline only when the last command died of SIGINT).
ANY_PROMPT = re.compile(rb"rustica:[^\r\n]*# $")
BOOT_TIMEOUT = 90
STEP_TIMEOUT = 20
TOTAL_TIMEOUT = 240


class Serial:
    def __init__(self, path):
        self.sock = connect(path)
        self.buf = b""
        self.log = open(os.path.join(os.path.dirname(path), "serial.log"), "wb")

    def fill(self, deadline):
        self.sock.settimeout(max(0.05, min(0.5, deadline - time.monotonic())))
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            return True
        if not data:
            return False
        self.buf += data
        self.log.write(data)
        self.log.flush()
        return True

    def expect(self, pattern, timeout=STEP_TIMEOUT):
        """Waits for pattern; returns the text up to and including it, or None."""
        deadline = time.monotonic() + timeout
        while True:
            m = pattern.search(self.buf)
            if m:
                out = self.buf[:m.end()]
                self.buf = self.buf[m.end():]
                return out
            if time.monotonic() >= deadline or not self.fill(deadline):
                return None

    def send(self, data):
        for b in data:
            self.sock.sendall(bytes([b]))
            time.sleep(0.002)

    def run(self, line, timeout=STEP_TIMEOUT):
        """Types line and Enter; returns the output up to the next prompt."""
        self.send(line.encode() + b"\r")
        return self.expect(PROMPT, timeout)


def connect(path):
    deadline = time.monotonic() + 30
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Monitor:
    def __init__(self, path):
        self.sock = connect(path)

    def cmd(self, text):
        self.sock.sendall(text.encode() + b"\n")
        time.sleep(0.2)

    def sendkeys(self, keys):
        for k in keys:
            self.cmd("sendkey " + k)
            time.sleep(0.05)


n = 0
failed = 0


def tap(ok, name, detail=None):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print("%s %d %s" % ("ok" if ok else "not ok", n, name), flush=True)
    if not ok and detail is not None:
        print("# " + repr(detail)[:400], flush=True)


def lines(out):
    return out.decode("utf-8", "replace").replace("\r", "").split("\n") if out else []


def has_line(out, text):
    return any(l.strip() == text for l in lines(out))


def scenario(ser, mon):
    out = ser.expect(PROMPT, BOOT_TIMEOUT)
    tap(out is not None, "console_boot_prompt", ser.buf[-300:])
    if out is None:
        return
    out = ser.run("echo hello | cat")
    tap(has_line(out, "hello"), "console_pipeline_echo_cat", out)
    out = ser.run("uname -s")
    tap(has_line(out, "Rustux"), "console_uname_s", out)
    out = ser.run("ls /bin | wc -l")
    nums = [l.strip() for l in lines(out) if l.strip().isdigit()]
    tap(bool(nums) and int(nums[0]) > 0, "console_ls_bin_wc_l", out)
    out = ser.run("ecoh typo")
    tap(out is not None and b"ecoh: not found" in out, "console_typo_error_message", out)
    out = ser.run("echo status $?")
    tap(has_line(out, "status 127"), "console_typo_status_127", out)
    # Line editing: backspace and ^U (the shell's editor on a raw-mode tty).
    ser.send(b"echo abX\x7fc\r")
    out = ser.expect(PROMPT)
    tap(has_line(out, "abc"), "console_backspace", out)
    ser.send(b"garbage\x15echo killed\r")
    out = ser.expect(PROMPT)
    tap(has_line(out, "killed"), "console_ctrl_u", out)
    # History through the cursor keys (escape sequences in raw mode).
    ser.send(b"\x1b[A\x1b[A\r")
    out = ser.expect(PROMPT)
    tap(has_line(out, "abc"), "console_history_arrow_up", out)
    # ^C interrupts the foreground job; the shell survives.
    ser.send(b"sleep 30\r")
    time.sleep(1.5)
    ser.send(b"\x03")
    out = ser.expect(PROMPT, 10)
    tap(out is not None, "console_ctrl_c_sleep", ser.buf[-300:])
    out = ser.run("echo alive $?")
    tap(has_line(out, "alive 130"), "console_shell_survives_ctrl_c", out)
    # A busy foreground job, and a pipeline (one process group).
    ser.send(b"yes > /dev/null\r")
    time.sleep(1.5)
    ser.send(b"\x03")
    out = ser.expect(PROMPT, 10)
    tap(out is not None, "console_ctrl_c_busy_job", ser.buf[-300:])
    ser.send(b"sleep 30 | cat\r")
    time.sleep(1.5)
    ser.send(b"\x03")
    out = ser.expect(ANY_PROMPT, 10)
    tap(out is not None, "console_ctrl_c_pipeline", ser.buf[-300:])
    # ^Z: the line discipline sends SIGTSTP to the foreground group, the
    # kernel stops it, sh reports it and gets the terminal back; fg resumes.
    ser.send(b"sleep 30 | cat\r")
    time.sleep(1.5)
    ser.send(b"\x1a")
    out = ser.expect(PROMPT, 10)
    tap(out is not None and b"]+ Stopped\tsleep 30 | cat" in out, "console_ctrl_z_stops_job",
        ser.buf[-300:])
    out = ser.run("jobs")
    tap(out is not None and b"Stopped\tsleep 30 | cat" in out, "console_jobs_shows_stopped", out)
    ser.send(b"fg\r")
    time.sleep(1.5)
    ser.send(b"\x03")
    out = ser.expect(PROMPT, 10)
    out = ser.run("echo fg $?")
    tap(has_line(out, "fg 130"), "console_fg_resumes_stopped_job", out)
    # A background job reading the terminal gets SIGTTIN and stops; fg lets it read.
    out = ser.run("cat &")
    for _ in range(20):
        out = ser.run("jobs")
        if out is not None and b"Stopped\tcat" in out:
            break
        time.sleep(0.5)
    tap(out is not None and b"Stopped\tcat" in out, "console_bg_read_stops_sigttin", out)
    ser.send(b"fg\r")
    time.sleep(1)
    ser.send(b"\x04")
    out = ser.expect(PROMPT, 10)
    tap(out is not None, "console_fg_lets_job_read", ser.buf[-300:])
    # cat echoes lines in canonical mode and ends at ^D.
    ser.send(b"cat\r")
    time.sleep(0.5)
    ser.send(b"line one\r")
    out = ser.expect(re.compile(rb"line one\r*\n(?:.*\n)?line one\r*\n"))
    tap(out is not None, "console_cat_canonical_line", ser.buf[-300:])
    ser.send(b"\x04")
    out = ser.expect(ANY_PROMPT, 10)
    tap(out is not None, "console_cat_ctrl_d", ser.buf[-300:])
    # Canonical-mode erase inside cat: the line it gets is already edited.
    ser.send(b"cat\r")
    time.sleep(0.5)
    ser.send(b"xyZ\x7fw\r\x04")
    out = ser.expect(PROMPT, 10)
    tap(out is not None and has_line(out, "xyw"), "console_canonical_backspace", out)
    # The PS/2 keyboard: typed through the monitor, output on serial.
    mon.sendkeys(["e", "c", "h", "o", "spc", "shift-k", "b", "d", "4", "2",
                  "spc", "shift-minus", "x", "ret"])
    out = ser.expect(PROMPT)
    tap(has_line(out, "Kbd42 _x"), "console_ps2_keyboard", out)
    mon.sendkeys(["up", "ret"])
    out = ser.expect(PROMPT)
    tap(has_line(out, "Kbd42 _x"), "console_ps2_arrow_key", out)
    ser.send(b"poweroff\r")


def main():
    image, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    ser_path = os.path.join(work, "serial.sock")
    mon_path = os.path.join(work, "monitor.sock")
    vars_path = os.path.join(work, "vars.fd")
    for p in (ser_path, mon_path):
        if os.path.exists(p):
            os.unlink(p)
    with open("/usr/share/OVMF/OVMF_VARS_4M.fd", "rb") as src, open(vars_path, "wb") as dst:
        dst.write(src.read())
    cmd = ["timeout", "--kill-after=5", str(TOTAL_TIMEOUT), "qemu-system-x86_64",
           "-machine", "q35,accel=tcg", "-m", "512M", "-no-user-config", "-nodefaults",
           "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
           "-drive", "if=pflash,format=raw,file=" + vars_path,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-drive", "format=raw,snapshot=on,file=" + image,
           "-display", "none", "-vga", "std", "-no-reboot",
           "-chardev", "socket,id=ser,path=%s,server=on,wait=on" % ser_path,
           "-serial", "chardev:ser",
           "-monitor", "unix:%s,server=on,wait=off" % mon_path]
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=open(os.path.join(work, "qemu.log"), "wb"),
                            stderr=subprocess.STDOUT)
    try:
        ser = Serial(ser_path)
        mon = Monitor(mon_path)
        scenario(ser, mon)
        try:
            qemu.wait(30)
            tap(True, "console_poweroff")
        except subprocess.TimeoutExpired:
            tap(False, "console_poweroff")
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
    if n == 0:
        tap(False, "console_started")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
