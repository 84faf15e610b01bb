/* klog.h - kernel: the log ring buffer: levelled, timestamped records (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_KLOG_H
#define RUSTUX_LIB_KLOG_H

#include <stddef.h>
#include <stdint.h>

/* Levels follow syslog's numbers, so loglevel= means what it does on Linux. */
#define KLOG_ERR	3
#define KLOG_WARN	4
#define KLOG_NOTICE	5
#define KLOG_INFO	6
#define KLOG_DEBUG	7

#define KLOG_TEXT	120	/* bytes of text a record keeps (longer is cut) */

struct klog_record {
	uint64_t seq;		/* 1, 2, 3 … over the whole boot */
	uint64_t ns;		/* monotonic time of the record */
	uint8_t level;
	char text[KLOG_TEXT];	/* NUL-terminated, without the newline */
};

/*
 * A ring of records; when full, the oldest is overwritten. The caller owns
 * the storage; readers use sequence numbers, so a reader that fell behind
 * sees which records it lost.
 */
struct klog {
	struct klog_record *recs;
	size_t cap;
	uint64_t next_seq;	/* sequence number of the next record */
};

void	klog_init(struct klog *log, struct klog_record *recs, size_t cap);
/* Appends one record (text up to len bytes, cut at KLOG_TEXT-1); returns its seq. */
uint64_t klog_append(struct klog *log, uint8_t level, uint64_t ns, const char *text, size_t len);
/* The oldest sequence number still held (next_seq when empty). */
uint64_t klog_first(const struct klog *log);
/* The record with sequence number seq, or NULL if it was overwritten or not yet written. */
const struct klog_record *klog_get(const struct klog *log, uint64_t seq);
/* Formats a record as "<L>[    s.uuuuuu] text" into buf; returns the length. */
int	klog_format(const struct klog_record *r, char *buf, size_t size);

#endif
