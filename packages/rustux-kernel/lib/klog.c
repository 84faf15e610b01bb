/* klog.c - kernel: the log ring buffer */
/* SPDX-License-Identifier: MIT */
#include "lib/klog.h"
#include "lib/printf.h"
#include "lib/string.h"

void
klog_init(struct klog *log, struct klog_record *recs, size_t cap)
{
	log->recs = recs;
	log->cap = cap;
	log->next_seq = 1;
}

uint64_t
klog_append(struct klog *log, uint8_t level, uint64_t ns, const char *text, size_t len)
{
	struct klog_record *r;
	uint64_t seq = log->next_seq++;

	if (log->cap == 0) {
		return seq;
	}
	r = &log->recs[seq % log->cap];
	r->seq = seq;
	r->ns = ns;
	r->level = level;
	if (len > KLOG_TEXT - 1) {
		len = KLOG_TEXT - 1;
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r')) {
		len--;
	}
	memcpy(r->text, text, len);
	r->text[len] = '\0';
	return seq;
}

uint64_t
klog_first(const struct klog *log)
{
	uint64_t held = log->next_seq - 1;

	return held > log->cap ? log->next_seq - log->cap : 1;
}

const struct klog_record *
klog_get(const struct klog *log, uint64_t seq)
{
	if (log->cap == 0 || seq < klog_first(log) || seq >= log->next_seq) {
		return NULL;
	}
	return &log->recs[seq % log->cap];
}

int
klog_format(const struct klog_record *r, char *buf, size_t size)
{
	return fmt_snprintf(buf, size, "<%u>[%5llu.%06llu] %s", (unsigned)r->level,
	    (unsigned long long)(r->ns / 1000000000ULL),
	    (unsigned long long)(r->ns / 1000ULL % 1000000ULL), r->text);
}
