/* klog_test.c - kernel unit tests: lib/klog.c, the log ring buffer */
/* SPDX-License-Identifier: MIT */
#include "lib/klog.h"
#include "t.h"

T_TEST(klog_keeps_the_newest_records)
{
	struct klog_record recs[4];
	struct klog log;
	char text[8];

	klog_init(&log, recs, 4);
	T_EXPECT_EQ(klog_first(&log), 1);
	T_EXPECT(klog_get(&log, 1) == NULL);
	for (int i = 1; i <= 6; i++) {
		snprintf(text, sizeof(text), "m%d\n", i);
		T_EXPECT_EQ(klog_append(&log, KLOG_INFO, (uint64_t)i * 1000, text, strlen(text)), i);
	}
	T_EXPECT_EQ(klog_first(&log), 3);
	T_EXPECT(klog_get(&log, 2) == NULL);
	T_ASSERT(klog_get(&log, 3) != NULL);
	T_EXPECT_STR_EQ(klog_get(&log, 3)->text, "m3");
	T_EXPECT_STR_EQ(klog_get(&log, 6)->text, "m6");
	T_EXPECT(klog_get(&log, 7) == NULL);
}

T_TEST(klog_cuts_long_text_and_formats)
{
	struct klog_record recs[2];
	struct klog log;
	char big[300], out[200];

	memset(big, 'a', sizeof(big));
	klog_init(&log, recs, 2);
	klog_append(&log, KLOG_WARN, 1500000000ULL, big, sizeof(big));
	T_EXPECT_EQ(strlen(klog_get(&log, 1)->text), KLOG_TEXT - 1);
	klog_append(&log, KLOG_ERR, 2000123000ULL, "disk on fire", 12);
	klog_format(klog_get(&log, 2), out, sizeof(out));
	T_EXPECT_STR_EQ(out, "<3>[    2.000123] disk on fire");
}
