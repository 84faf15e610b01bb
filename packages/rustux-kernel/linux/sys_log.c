/* sys_log.c - Linux personality: syslog(2) (klogctl) over the kernel log ring, for dmesg */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "kernel/printk.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "syscall_table.h"

/* syslog(2) actions (include/linux/syslog.h). */
enum {
	LOG_CLOSE, LOG_OPEN, LOG_READ, LOG_READ_ALL, LOG_READ_CLEAR, LOG_CLEAR,
	LOG_CONSOLE_OFF, LOG_CONSOLE_ON, LOG_CONSOLE_LEVEL, LOG_SIZE_UNREAD, LOG_SIZE_BUFFER
};

#define LINE_MAX_BYTES	(KLOG_TEXT + 32)	/* "<L>[sssss.uuuuuu] " + text + "\n" */

static uint64_t clear_seq;	/* records before this one were cleared */

static uint64_t
first_seq(void)
{
	uint64_t s = klog_first(&kernel_log);

	return s > clear_seq ? s : clear_seq;
}

/* One record as a dmesg line with its newline: the length (0 if it is gone). */
static size_t
format_line(uint64_t seq, char *line)
{
	const struct klog_record *r = klog_get(&kernel_log, seq);
	int n;

	if (r == NULL) {
		return 0;
	}
	n = klog_format(r, line, LINE_MAX_BYTES - 1);
	if (n > LINE_MAX_BYTES - 2) {
		n = LINE_MAX_BYTES - 2;
	}
	line[n] = '\n';
	return (size_t)n + 1;
}

/* Bytes of the lines from seq on. */
static size_t
bytes_from(uint64_t seq, char *line)
{
	size_t total = 0;

	for (; seq < kernel_log.next_seq; seq++) {
		total += format_line(seq, line);
	}
	return total;
}

/* READ_ALL: the newest lines that fit in len bytes, oldest first. */
static long
read_all(uint64_t ubuf, size_t len)
{
	char *line = kmalloc(LINE_MAX_BYTES);
	uint64_t seq = first_seq();
	size_t total, n, off = 0;

	if (line == NULL) {
		return -LX_ENOMEM;
	}
	total = bytes_from(seq, line);
	for (; total > len && seq < kernel_log.next_seq; seq++) {
		total -= format_line(seq, line);
	}
	for (; seq < kernel_log.next_seq && off < len; seq++) {
		n = format_line(seq, line);
		if (n > len - off) {
			break;
		}
		if (copyout(ubuf + off, line, n) != 0) {
			kfree(line);
			return -LX_EFAULT;
		}
		off += n;
	}
	kfree(line);
	return (long)off;
}

long
lx_syslog(long type, long ubuf, long len, long a3, long a4, long a5)
{
	long r;

	(void)a3, (void)a4, (void)a5;
	switch (type) {
	case LOG_CLOSE: case LOG_OPEN:
	case LOG_CONSOLE_OFF: case LOG_CONSOLE_ON: case LOG_CONSOLE_LEVEL:
		return 0;
	case LOG_READ: case LOG_READ_ALL: case LOG_READ_CLEAR:
		if (len < 0) {
			return -LX_EINVAL;
		}
		if (ubuf == 0 && len > 0) {
			return -LX_EINVAL;
		}
		r = read_all((uint64_t)ubuf, (size_t)len);
		if (r >= 0 && type == LOG_READ_CLEAR) {
			clear_seq = kernel_log.next_seq;
		}
		return r;
	case LOG_CLEAR:
		clear_seq = kernel_log.next_seq;
		return 0;
	case LOG_SIZE_UNREAD: {
		char *line = kmalloc(LINE_MAX_BYTES);

		if (line == NULL) {
			return -LX_ENOMEM;
		}
		r = (long)bytes_from(first_seq(), line);
		kfree(line);
		return r;
	}
	case LOG_SIZE_BUFFER:
		return (long)(kernel_log.cap * LINE_MAX_BYTES);
	default:
		return -LX_EINVAL;
	}
}
